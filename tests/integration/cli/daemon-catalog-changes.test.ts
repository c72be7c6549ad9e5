import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { eventually, startDaemon, stopDaemon } from '../../support/daemon';
import { USER_FILE, useSourceRoleHome } from '../../support/source-role-home';

/**
 * A catalog change made anywhere while `switchyard daemon` refreshes (the CLI
 * from another process, a hand edit) reaches the daemon's one engine path:
 * the profile a live session wrote moves or goes with its role, never left
 * behind with live keys.
 */
const world = useSourceRoleHome();
const { cli } = world;

function section(profile: string): string | undefined {
  const text = world.home.readCredentials();
  const start = text.indexOf(`[${profile}]`);
  if (start === -1) return undefined;
  const next = text.indexOf('\n[', start + 1);
  return text.slice(start, next === -1 ? undefined : next + 1);
}
const keyOf = (profile: string) =>
  /aws_access_key_id = (ASIA\S+)/.exec(section(profile) ?? '')?.[1];

async function activeUnderDaemon(): Promise<string> {
  const daemon = startDaemon(world.home.env);
  await daemon.waitFor(/refreshing 0 active role\(s\)/);
  const activated = await cli(['activate', world.roleId]);
  expect(activated.code).toBe(0);
  const key = keyOf('dev');
  expect(key).toBeDefined();
  return key!;
}

describe('catalog changes while the daemon refreshes', () => {
  it('`roles edit --profile` from another process moves the live session to the new profile', async () => {
    const key = await activeUnderDaemon();
    const assumed = world.sts.count('AssumeRole');
    const edited = await cli(['roles', 'edit', world.roleId, '--profile', 'dev-renamed']);
    expect(edited.code).toBe(0);
    await eventually(() => section('dev') === undefined, 'the old profile to go');
    await eventually(() => keyOf('dev-renamed') !== undefined, 'the new profile');
    // The live session moved: the same keys, no new AssumeRole.
    expect(keyOf('dev-renamed')).toBe(key);
    expect(world.sts.count('AssumeRole')).toBe(assumed);
    expect(world.home.readCredentials().startsWith(USER_FILE)).toBe(true);
    const status = JSON.parse((await cli(['status', '--json'])).stdout) as Record<
      string,
      unknown
    >[];
    expect(status[0]).toMatchObject({ profile: 'dev-renamed', state: 'active' });
  });

  it('`roles edit --role-arn` from another process assumes the new role into the profile', async () => {
    const key = await activeUnderDaemon();
    const edited = await cli([
      'roles',
      'edit',
      world.roleId,
      '--role-arn',
      'arn:aws:iam::210987654321:role/dev-other',
    ]);
    expect(edited.code).toBe(0);
    await eventually(() => (keyOf('dev') ?? key) !== key, 'a new session in the profile');
    const last = world.sts.requests.filter((r) => r.action === 'AssumeRole').at(-1);
    expect(last?.roleArn).toBe('arn:aws:iam::210987654321:role/dev-other');
  });

  it('`roles remove` of the active default role from another process removes its profiles and record', async () => {
    const catalog = CatalogStore.open({ dir: world.home.switchyardConfigDir });
    catalog.setDefault(world.roleId);
    catalog.close();
    await activeUnderDaemon();
    expect(keyOf('default')).toBe(keyOf('dev'));
    const removed = await cli(['roles', 'remove', world.roleId]);
    expect(removed.code).toBe(0);
    await eventually(() => world.home.readCredentials() === USER_FILE, 'the profiles to go');
    await eventually(() => {
      const text = readFileSync(join(world.home.switchyardConfigDir, 'state.json'), 'utf8');
      const state = JSON.parse(text) as { sessions: Record<string, unknown> };
      return state.sessions[world.roleId] === undefined;
    }, 'the state record to go');
  });

  it('a hand edit of catalog.json (atomic rename) renaming a profile moves the session', async () => {
    const key = await activeUnderDaemon();
    const path = join(world.home.switchyardConfigDir, 'catalog.json');
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { roles: { profile: string }[] };
    doc.roles[0]!.profile = 'dev-by-hand';
    writeFileSync(`${path}.tmp`, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
    await eventually(() => section('dev') === undefined, 'the old profile to go');
    await eventually(() => keyOf('dev-by-hand') === key, 'the session in the new profile');
  });

  it('stops cleanly and leaves no code key behind', async () => {
    const daemon = startDaemon(world.home.env);
    await daemon.waitFor(/refreshing 0 active role\(s\)/);
    const statePath = join(world.home.switchyardConfigDir, 'state.json');
    await eventually(() => readFileSync(statePath, 'utf8').includes('"codeKey"'), 'the key');
    await stopDaemon(daemon);
    expect(readFileSync(statePath, 'utf8')).not.toContain('"codeKey"');
  });
});
