import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tryAcquireRefresherLock } from '../../../electron/core/refresh/refresher-lock';
import { serializeState, emptyState } from '../../../electron/core/refresh/state-model';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../../../electron/core/session/create-session-engine';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

let home: TempAwsHome | undefined;
afterEach(() => {
  home?.cleanup();
  home = undefined;
});

describe('createSessionEngine when a step after the engine started fails', () => {
  it('stops the engine it started: the refresher lock is free again and the error reaches the caller', async () => {
    home = createTempAwsHome({ credentials: '' });
    const configDir = home.switchyardConfigDir;
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    // A pending request, in a state file the user made read-only: reading it (the
    // engine's start) works, claiming the request (the first write) is refused.
    const statePath = join(configDir, 'state.json');
    writeFileSync(
      statePath,
      serializeState({
        ...emptyState(),
        requests: [
          { id: 'q1', action: 'refresh', roleId: 'r', createdAt: 1, from: { pid: 1, kind: 'cli' } },
        ],
      }),
    );
    chmodSync(statePath, 0o444);

    await expect(
      createSessionEngine({
        kind: 'daemon',
        configDir,
        env: home.env,
        secrets: new MemorySecretStore(),
      }),
    ).rejects.toThrow(/state\.json is read-only/);

    const again = tryAcquireRefresherLock({ configDir, kind: 'daemon', releaseOnExit: false });
    expect(again.acquired).toBe(true);
    if (again.acquired) again.release();
  });
});
