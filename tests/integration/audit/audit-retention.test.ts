import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditFolder, monthFileName, monthIndex } from '../../../electron/core/audit/audit-files';
import { useHarness } from '../session/harness';

const world = useHarness();

describe('the audit trail keeps the months the settings say', () => {
  it('removes a month older than auditRetentionMonths on the first line written', async () => {
    const folder = auditFolder(world.h.home.switchyardConfigDir);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const now = world.h.clock.now();
    // Three months back: kept by the default 12, removed by a setting of 2.
    const old = monthFileName(monthIndex(now) - 3);
    writeFileSync(join(folder, old), '', { mode: 0o600 });
    await world.h.manager.updateSettings({ auditRetentionMonths: 2 });
    const role = await world.h.manager.addRole({
      label: 'dev',
      roleArn: 'arn:aws:iam::210987654321:role/dev',
      profile: 'dev',
      source: { kind: 'profile', profile: 'source' },
    } as never);
    await world.h.manager.activate(role.id);
    await expect.poll(() => readdirSync(folder)).toEqual([monthFileName(monthIndex(now))]);
  });

  it('refuses a retention out of range in one line naming the fix', async () => {
    await expect(world.h.manager.updateSettings({ auditRetentionMonths: 0 })).rejects.toThrow(
      /auditRetentionMonths.*use 1–120 months/,
    );
  });
});
