import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { applySsoSync, syncSsoRoles } from '../../../electron/core/sso/apply-sso-sync';
import { planSsoSync, type SsoAssignment } from '../../../electron/core/sso/plan-sso-sync';
import { expectInputError } from '../../unit/shared/expect-input-error';
import { useTempConfigDir } from '../../unit/catalog/catalog-fixtures';

const tempDir = useTempConfigDir();
const NOW = Date.UTC(2026, 7, 1);

const MUTATORS = new Set(['add', 'update', 'remove', 'upsertMany', 'updateSettings', 'setDefault']);

/**
 * The store, counting calls that can write (each is one read-modify-write, at
 * most one file write), so "one write" is checked together with the inode.
 */
function counting(store: CatalogStore): { store: CatalogStore; writes: () => number } {
  let calls = 0;
  const proxy = new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (typeof prop === 'string' && MUTATORS.has(prop)) calls++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, writes: () => calls };
}

function organisation(accounts: number): SsoAssignment[] {
  return Array.from({ length: accounts }, (_, i) =>
    ['Admin', 'ReadOnly', 'Billing'].map((roleName) => ({
      accountId: String(100_000_000_000 + i),
      accountName: `Account ${i}`,
      roleName,
    })),
  ).flat();
}

function stamp(path: string) {
  const { ino, mtimeMs, ctimeMs } = statSync(path);
  return { ino, mtimeMs, ctimeMs, text: readFileSync(path, 'utf8') };
}

describe('applying an Identity Center sync to catalog.json', () => {
  it('writes 1,000 accounts × 3 roles in one write, and a reopened catalog has them all', () => {
    tempDir();
    const opened = CatalogStore.open();
    const before = stamp(opened.path);
    const { store, writes } = counting(opened);
    const plan = planSsoSync({
      roles: store.list(),
      session: 'work',
      assignments: organisation(1000),
      now: NOW,
    });
    applySsoSync(store, plan);
    expect(writes()).toBe(1);
    expect(statSync(opened.path).ino).not.toBe(before.ino);
    const reopened = CatalogStore.open();
    expect(reopened.list()).toHaveLength(3000);
    expect(reopened.get('Account 7 / ReadOnly')).toMatchObject({
      group: 'Account 7',
      profile: 'account-7/ReadOnly',
      source: { kind: 'sso', session: 'work', accountId: '100000000007', roleName: 'ReadOnly' },
    });
  });

  it('marks roles no longer granted in one write, and writes nothing when nothing changed', () => {
    tempDir();
    const opened = CatalogStore.open();
    const { store, writes } = counting(opened);
    syncSsoRoles(store, { session: 'work', assignments: organisation(3), now: NOW });
    const again = syncSsoRoles(store, {
      session: 'work',
      assignments: organisation(3),
      now: NOW + 1,
    });
    expect(again.unchanged).toBe(9);
    expect(writes()).toBe(1);
    const unchanged = stamp(opened.path);

    const shrunk = syncSsoRoles(store, {
      session: 'work',
      assignments: organisation(2),
      now: NOW + 2,
    });
    expect(shrunk.gone).toHaveLength(3);
    expect(writes()).toBe(2);
    expect(statSync(opened.path).ino).not.toBe(unchanged.ino);
    const gone = CatalogStore.open()
      .list()
      .filter((role) => role.notGrantedSince !== undefined);
    expect(gone.map((role) => [role.label, role.notGrantedSince])).toEqual([
      ['Account 2 / Admin', NOW + 2],
      ['Account 2 / ReadOnly', NOW + 2],
      ['Account 2 / Billing', NOW + 2],
    ]);
  });

  it('refuses a plan the user overtook (an edit after the dry run), writing nothing', () => {
    tempDir();
    const store = CatalogStore.open();
    syncSsoRoles(store, { session: 'work', assignments: organisation(1), now: NOW });
    const plan = planSsoSync({
      roles: store.list(),
      session: 'work',
      assignments: [{ accountId: '100000000000', accountName: 'Renamed', roleName: 'Admin' }],
      now: NOW,
    });
    expect(plan.update).toHaveLength(1);
    store.update('Account 0 / Admin', { color: 'f2b0a9' });
    const before = stamp(store.path);
    expectInputError(
      () => applySsoSync(store, plan),
      'catalog',
      'nothing was written',
      'sync again',
    );
    expect(stamp(store.path)).toEqual(before);
    expect(store.get('Account 0 / Admin').color).toBe('f2b0a9');
  });

  it('refuses, whole, a plan whose new profile another role took meanwhile', () => {
    tempDir();
    const store = CatalogStore.open();
    const plan = planSsoSync({
      roles: [],
      session: 'work',
      assignments: organisation(2),
      now: NOW,
    });
    store.add({
      label: 'Mine',
      roleArn: 'arn:aws:iam::123456789012:role/Mine',
      profile: 'account-1/Billing',
      source: { kind: 'default' },
    });
    const before = stamp(store.path);
    expectInputError(() => applySsoSync(store, plan), 'profile', 'already written by "Mine"');
    expect(stamp(store.path)).toEqual(before);
  });
});
