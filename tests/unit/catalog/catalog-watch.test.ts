import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { CatalogData } from '../../../electron/core/catalog/catalog-document';
import type { CatalogFileError } from '../../../electron/core/catalog/catalog-file-error';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { arn } from './catalog-fixtures';

/** Each test has its own folder (they run concurrently, so no shared SWITCHYARD_CONFIG_DIR). */
function openWatched(): { store: CatalogStore; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-watch-'));
  const store = CatalogStore.open({ dir: join(dir, 'Switchyard'), watch: true });
  return {
    store,
    done: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Replaces the file from another process, the way an editor or another Switchyard would. */
function writeFromAnotherProcess(path: string, text: string): void {
  const run = spawnSync(
    process.execPath,
    [
      '-e',
      `const fs = require('fs'); fs.writeFileSync(process.argv[1] + '.tmp', process.argv[2], { mode: 0o600 }); fs.renameSync(process.argv[1] + '.tmp', process.argv[1]);`,
      path,
      text,
    ],
    { encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(0);
}

function next<T>(subscribe: (resolve: (value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve) => subscribe(resolve));
}

// conf polls with fs.watchFile on Linux (about 5 s, then a 1 s debounce): allow for it.
describe.concurrent('CatalogStore with watch: true', { timeout: 20_000 }, () => {
  it("reports another process's edit through onDidChange", async () => {
    const { store, done } = openWatched();
    try {
      const changed = next<CatalogData>((resolve) => store.onDidChange(resolve));
      const role = {
        id: 'team0001',
        label: 'Team role',
        roleArn: arn('Team'),
        profile: 'team',
        source: { kind: 'default' },
        tags: [],
      };
      writeFromAnotherProcess(
        store.path,
        JSON.stringify({ version: 1, roles: [role], settings: store.settings() }),
      );
      expect((await changed).roles).toEqual([role]);
    } finally {
      done();
    }
  });

  it('sends a file another process broke to the error callback instead of throwing', async () => {
    const { store, done } = openWatched();
    try {
      const failed = next<CatalogFileError>((resolve) =>
        store.onDidChange(() => undefined, resolve),
      );
      writeFromAnotherProcess(store.path, '{"version": 1, "roles": [');
      const error = await failed;
      expect(error.problem).toBe('syntax');
      expect(error.message).toContain('is not valid JSON');
    } finally {
      done();
    }
  });
});
