import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { CATALOG_MIGRATIONS } from '../../../electron/core/catalog/catalog-migrations';
import { CATALOG_VERSION } from '../../../electron/core/catalog/catalog-schema';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { withRecentService } from '../../../electron/core/catalog/check-console-browser';
import { exportCatalog, withLocalFields } from '../../../electron/core/catalog/export-catalog';
import { expectInputError } from '../shared/expect-input-error';
import { arn, roleInput, useTempConfigDir } from './catalog-fixtures';

const tempDir = useTempConfigDir();
const NOW = new Date('2026-12-01T10:00:00.000Z');

describe('a console browser per role and a default in settings', () => {
  it('round-trips a role setting and the settings default through catalog.json', () => {
    const dir = tempDir();
    const store = CatalogStore.open();
    const chrome = store.add(roleInput('Prod', { console: { browser: 'chrome' } }));
    const named = store.add(
      roleInput('Stage', { console: { browser: 'Brave', profileDirectory: 'Profile 2' } }),
    );
    store.updateSettings({
      consoleBrowser: { browser: 'firefox-container' },
      recentServices: ['ec2', 's3'],
    });
    const again = CatalogStore.open();
    expect(again.get(chrome.id).console).toEqual({ browser: 'chrome' });
    expect(again.get(named.id).console).toEqual({
      browser: 'brave',
      profileDirectory: 'Profile 2',
    });
    expect(again.settings()).toMatchObject({
      consoleBrowser: { browser: 'firefox-container' },
      recentServices: ['ec2', 's3'],
    });
    const file = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as {
      version: number;
    };
    expect(file.version).toBe(CATALOG_VERSION);
  });

  it.each([
    [{ browser: 'firefox' }, 'plain firefox shares one identity'],
    [{ browser: 'netscape' }, 'is not a browser Switchyard knows'],
    [{ browser: 'bin/chrome' }, 'is not a browser Switchyard knows'],
    [{ browser: 'firefox-container', profileDirectory: 'Default' }, 'goes with a Chromium-family'],
    [{ browser: 'chrome', profileDirectory: '../x' }, 'is not a profile folder name'],
    [{ browser: 'chrome', colour: 'red' }, 'unknown field'],
  ])('refuses the role setting %j', (setting, fragment) => {
    tempDir();
    const store = CatalogStore.open();
    expectInputError(
      () => store.add(roleInput('Bad', { console: setting as never })),
      'profileDirectory' in setting && setting.profileDirectory === '../x'
        ? 'profile directory'
        : 'console browser',
      fragment,
    );
    expect(store.list()).toEqual([]);
  });

  it('refuses an unknown recent service, and keeps the recent list short and unique', () => {
    tempDir();
    const store = CatalogStore.open();
    expectInputError(
      () => store.updateSettings({ recentServices: ['ec2', 'nope'] }),
      'settings.recentServices',
      'not a console service',
    );
    let recent: string[] = [];
    for (const name of ['ec2', 's3', 'iam', 'ec2', 'rds', 'sqs', 'sns', 'kms', 'eks', 'ecr']) {
      recent = withRecentService(recent, name);
    }
    expect(recent).toEqual(['ecr', 'eks', 'kms', 'sns', 'sqs', 'rds', 'ec2', 'iam']);
  });

  it('takes a version-2 catalog to version 3 unchanged (and on to the current version), keeping the v2 file aside', () => {
    const v2 = {
      version: 2,
      roles: [
        {
          id: 'a',
          label: 'A',
          roleArn: arn('A'),
          profile: 'a',
          source: { kind: 'default' },
          tags: [],
        },
      ],
      settings: {},
    };
    expect(CATALOG_MIGRATIONS[3]!(structuredClone(v2))).toEqual({ ...v2, version: 3 });
    expect(CATALOG_VERSION).toBeGreaterThanOrEqual(3);
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const text = `${JSON.stringify(v2)}\n`;
    writeFileSync(join(dir, 'catalog.json'), text);
    const store = CatalogStore.open({ now: () => NOW });
    expect(store.get('a').console).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8'))).toMatchObject({
      version: CATALOG_VERSION,
    });
    const aside = readdirSync(dir).find((name) => name.startsWith('catalog.v2-'));
    expect(aside && readFileSync(join(dir, aside), 'utf8')).toBe(text);
  });

  it('leaves the console setting out of a shared catalog and keeps the local one on import', () => {
    tempDir();
    const store = CatalogStore.open();
    const role = store.add(roleInput('Prod', { console: { browser: '/opt/my/chrome' } }));
    const shared = JSON.parse(exportCatalog(store)) as { version: number; roles: object[] };
    expect(shared.version).toBe(1);
    expect(shared.roles[0]).not.toHaveProperty('console');
    const plain = { ...role };
    delete plain.console;
    expect(withLocalFields(plain, role).console).toEqual({ browser: '/opt/my/chrome' });
  });
});
