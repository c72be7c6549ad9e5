import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import ElectronStore from 'electron-store';
import { CATALOG_VERSION } from '../../../electron/core/catalog/catalog-schema';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { electronCatalogStore } from '../../../electron/main/electron-catalog-store';
import * as fake from './fake-electron';
import { arn, roleInput } from '../catalog/catalog-fixtures';

const dirs: string[] = [];
afterEach(() => {
  fake.resetFakeElectron();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function configDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-estore-'));
  dirs.push(dir);
  return join(dir, 'Switchyard');
}

describe('the app’s catalog through electron-store', () => {
  // First: electron-store adds its channel only for the first store of the process.
  it('leaves no electron-store IPC channel open to renderers', () => {
    let seen: string[] = [];
    const original = fake.ipcMain.on.bind(fake.ipcMain);
    const on = vi.spyOn(fake.ipcMain, 'on').mockImplementation((channel, listener) => {
      seen = [...seen, channel];
      original(channel, listener);
    });
    CatalogStore.open({ dir: configDir(), createStore: electronCatalogStore });
    on.mockRestore();
    expect(seen).toEqual(['electron-store-get-data']);
    expect(fake.ipcMain.listeners.has('electron-store-get-data')).toBe(false);
  });

  it('is an electron-store Store on the CLI’s own catalog.json, same schema both ways', () => {
    const dir = configDir();
    let built: unknown;
    const app = CatalogStore.open({
      dir,
      createStore: (options) => (built = electronCatalogStore(options)),
    });
    expect(built).toBeInstanceOf(ElectronStore);
    // Not the fake userData folder: the CLI's config folder.
    expect((built as ElectronStore).path).toBe(join(dir, 'catalog.json'));
    expect(app.path).toBe(join(dir, 'catalog.json'));

    const prod = app.add(roleInput('Prod'));
    const cli = CatalogStore.open({ dir });
    expect(cli.list()).toEqual([prod]);
    const dev = cli.add(roleInput('Dev', { roleArn: arn('Dev') }));
    app.invalidate();
    expect(app.list()).toEqual([prod, dev]);
    expect(statSync(app.path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(app.path, 'utf8'))).toMatchObject({ version: CATALOG_VERSION });
  });

  it('a broken file is still reported by the strict reader, never cleared', () => {
    const dir = configDir();
    CatalogStore.open({ dir, createStore: electronCatalogStore });
    const path = join(dir, 'catalog.json');
    rmSync(path);
    const broken = '{"version": 1, "roles": [}';
    writeFileSync(path, broken);
    expect(() => CatalogStore.open({ dir, createStore: electronCatalogStore })).toThrow(
      /is not valid JSON/,
    );
    expect(readFileSync(path, 'utf8')).toBe(broken);
  });
});
