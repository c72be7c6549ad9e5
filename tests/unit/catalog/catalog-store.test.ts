import { spawn } from 'node:child_process';
import {
  chmodSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { CatalogFileError } from '../../../electron/core/catalog/catalog-file-error';
import { CATALOG_VERSION } from '../../../electron/core/catalog/catalog-schema';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import type { RoleInput, RolePatch } from '../../../electron/core/catalog/role-input';
import { DEFAULT_SETTINGS } from '../../../shared/model';
import { expectInputError } from '../shared/expect-input-error';
import { ACCOUNT, arn, roleInput, useTempConfigDir } from './catalog-fixtures';

const tempDir = useTempConfigDir();

/** An Identity Center source for roleInput('Admin') (whose ARN is arn('Admin')). */
function sso(parts: Partial<{ session: string; accountId: string; roleName: string }> = {}) {
  return { kind: 'sso' as const, session: 'work', accountId: ACCOUNT, roleName: 'Admin', ...parts };
}
const posix = process.platform !== 'win32';

describe('CatalogStore: the file', () => {
  it('creates catalog.json in SWITCHYARD_CONFIG_DIR with the defaults, owner-only', () => {
    const dir = tempDir();
    const store = CatalogStore.open();
    expect(store.path).toBe(join(dir, 'catalog.json'));
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({
      version: CATALOG_VERSION,
      roles: [],
      settings: DEFAULT_SETTINGS,
    });
    if (posix) {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(store.path).mode & 0o777).toBe(0o600);
    }
  });

  it.skipIf(!posix)('narrows a folder and file that others could read', () => {
    const dir = tempDir();
    CatalogStore.open().add(roleInput('Admin'));
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'catalog.json'), 0o644);
    const store = CatalogStore.open();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('writes by replacing the file (temp file + rename) and leaves no temp file', () => {
    const dir = tempDir();
    const store = CatalogStore.open();
    const before = statSync(store.path).ino;
    store.add(roleInput('Admin'));
    const after = statSync(store.path);
    expect(after.ino).not.toBe(before);
    if (posix) expect(after.mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['catalog.json']);
  });

  it('never lets another process read a half-written file', async () => {
    tempDir();
    const store = CatalogStore.open();
    // A reader in another process parses the file as fast as it can while we write.
    const reader = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); const end = Date.now() + 1500; let reads = 0, torn = 0;
         while (Date.now() < end) { try { JSON.parse(fs.readFileSync(process.argv[1], 'utf8')); reads++; } catch (e) { if (e.code !== 'ENOENT') torn++; } }
         console.log(JSON.stringify({ reads, torn }));`,
        store.path,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    reader.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const done = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    for (let i = 0; i < 150; i++) {
      const role = store.add(roleInput(`R${i}`, { tags: ['x'.repeat(60), `n${i}`] }));
      if (i % 2 === 0) store.remove(role.id);
    }
    await done;
    const { reads, torn } = JSON.parse(output) as { reads: number; torn: number };
    expect(reads).toBeGreaterThan(0);
    expect(torn).toBe(0);
  });

  it('does not write when a change changes nothing', () => {
    tempDir();
    const store = CatalogStore.open();
    const role = store.add(roleInput('Admin'));
    const inode = statSync(store.path).ino;
    store.update(role.id, { label: 'Admin' });
    store.updateSettings({ launchAtLogin: false });
    store.setDefault(undefined);
    expect(statSync(store.path).ino).toBe(inode);
  });

  it('sees changes made through another instance (every read reads the file)', () => {
    tempDir();
    const first = CatalogStore.open();
    const second = CatalogStore.open();
    const role = first.add(roleInput('Admin'));
    expect(second.get('admin')).toEqual(role);
    second.remove(role.id);
    expect(first.list()).toEqual([]);
  });

  // The endpoint asks for a snapshot per request: the same object while the file is the
  // same (nothing made per ask), a new one at once after another process's change.
  it('hands out the same frozen snapshot until the file changes', () => {
    tempDir();
    const store = CatalogStore.open();
    const other = CatalogStore.open();
    const role = store.add(roleInput('Admin'));
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(store.path, hourAgo, hourAgo); // old enough for the stat to be trusted
    const first = store.snapshot();
    expect(store.snapshot()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    other.remove(role.id);
    const after = store.snapshot();
    expect(after).not.toBe(first);
    expect(after.roles).toEqual([]);
    expect(first.roles).toEqual([role]);
    expect(store.snapshot()).toBe(after);
  });

  // The store keeps the last document while the file's stat vouches for it. An edit
  // in place that keeps the size and sets the old mtime back (as `touch -r` or a sync
  // tool would) leaves the inode, size and mtime as they were: only ctime tells.
  it('sees an edit in place that keeps the size and the old mtime', async () => {
    tempDir();
    const store = CatalogStore.open();
    const role = store.add(roleInput('Admin'));
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(store.path, hourAgo, hourAgo); // old enough for the stat to be trusted
    expect(store.get('admin').id).toBe(role.id);
    await new Promise((resolve) => setTimeout(resolve, 50)); // a later ctime tick
    const text = readFileSync(store.path, 'utf8');
    writeFileSync(store.path, text.replace('"Admin"', '"Admon"'));
    utimesSync(store.path, hourAgo, hourAgo);
    expect(statSync(store.path).size).toBe(Buffer.byteLength(text));
    expect(store.get(role.id).label).toBe('Admon');
    expect(store.get('admon').id).toBe(role.id);
    expect(store.find('admin')).toBeUndefined();
  });

  it('reports a file broken in place after a read, instead of the kept document', async () => {
    tempDir();
    const store = CatalogStore.open();
    store.add(roleInput('Admin'));
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(store.path, hourAgo, hourAgo);
    expect(store.list()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = readFileSync(store.path, 'utf8');
    writeFileSync(store.path, text.replace(/}\n$/, ']\n'));
    utimesSync(store.path, hourAgo, hourAgo);
    expect(statSync(store.path).size).toBe(Buffer.byteLength(text));
    expect(() => store.list()).toThrow(CatalogFileError);
  });

  it('starts afresh when the file is deleted while open', () => {
    tempDir();
    const store = CatalogStore.open();
    store.add(roleInput('Admin'));
    // Deleting is the user's choice; the next read is an empty catalog and the next write recreates it.
    rmSync(store.path);
    expect(store.list()).toEqual([]);
    store.add(roleInput('Dev'));
    expect(JSON.parse(readFileSync(store.path, 'utf8')).roles).toHaveLength(1);
  });
});

describe('CatalogStore: roles', () => {
  it('adds a role with a short generated id and normalized fields', () => {
    tempDir();
    const store = CatalogStore.open();
    const role = store.add({
      ...roleInput('Admin'),
      label: '  Prod admin  ',
      color: 'Red',
      durationSeconds: '3600' as unknown as number,
      tags: ['prod', 'admin'],
      region: 'eu-west-1',
      externalId: 'ext-123',
      sessionName: 'alice',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
      group: 'Production',
    });
    expect(role.id).toMatch(/^[a-km-np-z2-9]{8}$/);
    expect(role).toEqual({
      id: role.id,
      label: 'Prod admin',
      roleArn: arn('Admin'),
      profile: 'admin',
      source: { kind: 'profile', profile: 'login' },
      externalId: 'ext-123',
      sessionName: 'alice',
      durationSeconds: 3600,
      region: 'eu-west-1',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
      color: 'f2b0a9',
      group: 'Production',
      tags: ['prod', 'admin'],
    });
    expect(store.list()).toEqual([role]);
  });

  it('gives every role its own id', () => {
    tempDir();
    const store = CatalogStore.open();
    const ids = Array.from({ length: 30 }, (_, i) => store.add(roleInput(`R${i}`)).id);
    expect(new Set(ids).size).toBe(30);
  });

  it('refuses an id in the input (the catalog picks it)', () => {
    tempDir();
    const input = { ...roleInput('Admin'), id: 'mine' };
    expectInputError(() => CatalogStore.open().add(input), 'id', 'chosen by Switchyard');
  });

  it.each([
    ['label', { label: '' }, 'is empty'],
    ['label', { label: 'x'.repeat(65) }, '65 characters'],
    ['label', { label: 'a\u200bb' }, 'invisible'],
    ['role ARN', { roleArn: 'arn:aws:iam::123:role/X' }, 'not 12 digits'],
    ['role ARN', { roleArn: 'arn:aws:sts::123456789012:assumed-role/A/s' }, 'is a session'],
    ['profile', { profile: 'has space' }, 'a space'],
    ['source', { source: { kind: 'saml' } as never }, 'not a source kind'],
    ['account', { source: { kind: 'sso', session: 's' } as never }, 'is missing'],
    ['Identity Center session', { source: sso({ session: 'a b' }) }, 'a space'],
    ['account', { source: sso({ accountId: '1234' }) }, '"1234" is not 12 digits'],
    ['permission set', { source: sso({ roleName: 'x'.repeat(65) }) }, '65 characters'],
    ['permission set', { source: sso({ roleName: 'Admin Team' }) }, 'a space'],
    ['role ARN', { source: sso({ roleName: 'Other' }) }, 'does not match', arn('Other')],
    ['role ARN', { source: sso({ accountId: '000000000001' }) }, 'does not match'],
    ['external ID', { source: sso(), externalId: 'abc' }, 'is not used'],
    ['MFA serial', { source: sso(), mfaSerial: arn('x').replace('role', 'mfa') }, 'is not used'],
    ['role session name', { source: sso(), sessionName: 'me' }, 'is not used'],
    ['duration', { source: sso(), durationSeconds: 3600 }, "the permission set's session"],
    ['not granted since', { notGrantedSince: 5 } as never, 'only for Identity Center'],
    ['not granted since', { source: sso(), notGrantedSince: 1.5 } as never, 'not a time'],
    ['source profile', { source: { kind: 'profile', profile: '' } }, 'is empty'],
    ['keychain source', { source: { kind: 'keys', name: 'a b' } }, 'a space'],
    ['external ID', { externalId: 'x' }, '1 character long'],
    ['role session name', { sessionName: 'a b' }, 'a space'],
    ['duration', { durationSeconds: 60 }, 'less than 15 minutes'],
    ['duration', { durationSeconds: 50_000 }, 'more than 12 hours'],
    ['region', { region: 'EU-WEST-1' }, 'capital letters'],
    ['MFA serial', { mfaSerial: 'short' }, '5 characters long'],
    ['color', { color: 'purple' }, 'not a color'],
    ['group', { group: '' }, 'is empty'],
    ['tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, '21 tags'],
    ['tags[0]', { tags: ['x'.repeat(65)] }, '65 characters'],
    ['tags', { tags: ['Prod', 'prod'] }, 'appears twice'],
    ['role', { nickname: 'x' } as never, 'unknown field "nickname"'],
  ] as [string, object, ...string[]][])('refuses a bad %s', (field, change, ...fragments) => {
    tempDir();
    const store = CatalogStore.open();
    const input = { ...roleInput('Admin'), ...change } as RoleInput;
    expectInputError(() => store.add(input), field, ...fragments);
    expect(store.list()).toEqual([]);
  });

  it('finds a role by exact id, else by label ignoring case; ids win', () => {
    tempDir();
    const store = CatalogStore.open();
    const admin = store.add(roleInput('Prod Admin'));
    const tricky = store.add(roleInput('Other', { label: admin.id }));
    expect(store.get(admin.id)).toEqual(admin);
    expect(store.get('prod admin')).toEqual(admin);
    expect(store.get('PROD ADMIN')).toEqual(admin);
    expect(store.find('nope')).toBeUndefined();
    expect(store.get(tricky.id)).toEqual(tricky);
    expectInputError(() => store.get('nope'), 'role', 'no role has the id or label "nope"');
  });

  it('refuses an ambiguous label and lists the ids', () => {
    tempDir();
    const store = CatalogStore.open();
    const a = store.add(roleInput('Admin', { profile: 'a' }));
    const b = store.add(roleInput('ADMIN', { profile: 'b' }));
    expectInputError(() => store.get('admin'), 'role', '2 roles', a.id, b.id, 'by its id');
  });

  it('updates fields; null clears an optional one; the id never changes', () => {
    tempDir();
    const store = CatalogStore.open();
    const role = store.add(roleInput('Admin', { region: 'us-east-1', color: 'blue' }));
    const updated = store.update('admin', {
      label: 'Admin 2',
      region: null,
      durationSeconds: 7200,
      color: undefined,
    });
    expect(updated).toEqual({
      ...role,
      label: 'Admin 2',
      region: undefined,
      durationSeconds: 7200,
    });
    expect(updated).not.toHaveProperty('region');
    expect(store.get(role.id)).toEqual(updated);
    expectInputError(
      () => store.update(role.id, { id: 'other' } as never),
      'id',
      'cannot be changed',
    );
    expectInputError(() => store.update(role.id, { label: null }), 'label', 'is missing');
    expectInputError(
      () => store.update(role.id, { region: 'moon-1' }),
      'region',
      'not a region code',
    );
    const sneaky = JSON.parse('{"__proto__": {"externalId": "injected"}}') as RolePatch;
    expectInputError(() => store.update(role.id, sneaky), 'role', 'unknown field "__proto__"');
    expect(store.get(role.id)).toEqual(updated);
  });

  it('removes a role and clears it as the default', () => {
    tempDir();
    const store = CatalogStore.open();
    const role = store.add(roleInput('Admin'));
    store.setDefault('admin');
    expect(store.defaultRoleId()).toBe(role.id);
    expect(store.remove(role.id)).toEqual(role);
    expect(store.list()).toEqual([]);
    expect(store.defaultRoleId()).toBeUndefined();
    expectInputError(() => store.remove(role.id), 'role', 'no role');
  });

  it('sets and clears the default role', () => {
    tempDir();
    const store = CatalogStore.open();
    const role = store.add(roleInput('Admin'));
    expect(store.setDefault('ADMIN')).toEqual(role);
    expect(store.snapshot()).toEqual({
      roles: [role],
      settings: DEFAULT_SETTINGS,
      defaultRoleId: role.id,
    });
    store.setDefault(undefined);
    expect(store.snapshot()).toEqual({ roles: [role], settings: DEFAULT_SETTINGS });
    expectInputError(() => store.setDefault('ghost'), 'role', 'no role');
  });
});

describe('CatalogStore: settings', () => {
  it('starts from the defaults and takes partial changes', () => {
    tempDir();
    const store = CatalogStore.open();
    expect(store.settings()).toEqual(DEFAULT_SETTINGS);
    const next = store.updateSettings({ refreshMarginSeconds: 300, launchAtLogin: true });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, refreshMarginSeconds: 300, launchAtLogin: true });
    expect(CatalogStore.open().settings()).toEqual(next);
  });

  it.each([
    ['settings.refreshMarginSeconds', { refreshMarginSeconds: 900 }, 'out of range'],
    ['settings.refreshMarginSeconds', { refreshMarginSeconds: 1.5 }, 'whole number'],
    ['settings.launchAtLogin', { launchAtLogin: 'yes' }, 'true or false'],
    ['settings.shortcut', { shortcut: '' }, 'is empty'],
    ['settings', { theme: 'dark' }, 'no setting named "theme"'],
  ])('refuses %s %j', (field, patch, fragment) => {
    tempDir();
    const store = CatalogStore.open();
    expectInputError(() => store.updateSettings(patch as never), field, fragment);
    expect(store.settings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('CatalogStore: onDidChange', () => {
  it('reports each real change of this store once, with the new catalog', () => {
    tempDir();
    const store = CatalogStore.open();
    const seen: number[] = [];
    const stop = store.onDidChange((catalog) => seen.push(catalog.roles.length));
    const role = store.add(roleInput('Admin'));
    store.update(role.id, { label: 'Admin' });
    store.add(roleInput('Dev'));
    stop();
    store.remove(role.id);
    expect(seen).toEqual([1, 2]);
  });
});
