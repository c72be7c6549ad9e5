import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../../../electron/core/session/create-session-engine';
import { startMoto, type MotoServer } from '../../support/moto';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { requireTool } from '../../support/tools';

const tools = requireTool('moto');

describe.skipIf(!tools.available)(`session engine against moto ${tools.skipReason}`, () => {
  let moto: MotoServer;
  let home: TempAwsHome;

  beforeAll(async () => {
    moto = await startMoto();
    home = createTempAwsHome({
      credentials:
        '[source]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
      env: { AWS_ENDPOINT_URL_STS: moto.endpoint },
    });
  });
  afterAll(async () => {
    home?.cleanup();
    await moto?.stop();
  });

  it('activates roles in several accounts in one round and refreshes them', async () => {
    const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
    const ids = ['111111111111', '222222222222', '333333333333'].map(
      (account) =>
        catalog.add({
          label: `ops ${account}`,
          roleArn: `arn:aws:iam::${account}:role/ops`,
          profile: `ops-${account}`,
          source: { kind: 'profile', profile: 'source' },
        }).id,
    );
    catalog.close();
    const engine = await createSessionEngine({
      kind: 'daemon',
      configDir: home.switchyardConfigDir,
      env: home.env,
      secrets: new MemorySecretStore(),
    });
    try {
      await Promise.all(ids.map((id) => engine.activate(id)));
      const first = home.readCredentials();
      for (const account of ['111111111111', '222222222222', '333333333333']) {
        expect(first).toContain(`[ops-${account}]`);
        expect(first).toContain(`x_switchyard_role_arn = arn:aws:iam::${account}:role/ops`);
      }
      expect(engine.snapshot().roles.every((r) => r.state === 'active')).toBe(true);
      await engine.refresh(null);
      const second = home.readCredentials();
      expect(second).not.toBe(first);
      expect(second.match(/\[ops-/g)).toHaveLength(3);
    } finally {
      await engine.stop();
    }
  });
});
