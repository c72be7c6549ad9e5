import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import {
  checkSubscriptionRecord,
  guessSubscriptionKind,
  parseEvery,
} from '../../../electron/core/catalog/check-subscription';
import { exportCatalog } from '../../../electron/core/catalog/export-catalog';
import { planCatalogFileImport } from '../../../electron/core/catalog/import-catalog-file';
import { fetchFile } from '../../../electron/core/subscriptions/fetch-file';
import { DEFAULT_FETCH_LIMITS } from '../../../electron/core/subscriptions/fetch-types';
import { readSubscriptionContent } from '../../../electron/core/subscriptions/read-subscription-content';
import { nameFromLocation } from '../../../electron/core/subscriptions/subscription-request';
import { catalogExport, teamRole } from '../../support/catalog-server';
import { useTempConfigDir } from '../catalog/catalog-fixtures';

const tempDir = useTempConfigDir();

/** A catalog with one subscribed role `team-qa` of subscription `platform`. */
function subscribedCatalog(): CatalogStore {
  const store = CatalogStore.open({ dir: tempDir() });
  store.rewrite(() => ({
    subscriptions: [{ name: 'platform', kind: 'file', location: '/srv/team.json' }],
    roles: [{ ...teamRole('team-qa'), subscription: 'platform' }],
    result: undefined,
  }));
  return store;
}

describe('subscription records', () => {
  it('guesses the kind from the source, with --ref/--path meaning git', () => {
    expect(guessSubscriptionKind('https://example.com/c.json', false)).toBe('https');
    expect(guessSubscriptionKind('https://example.com/c.json', true)).toBe('git');
    expect(guessSubscriptionKind('https://git.example.com/team/roles.git', false)).toBe('git');
    expect(guessSubscriptionKind('git@github.com:team/roles', false)).toBe('git');
    expect(guessSubscriptionKind('file:///srv/roles.git', false)).toBe('git');
    expect(guessSubscriptionKind('./team.json', false)).toBe('file');
  });

  it('names a subscription after its file, repository or host', () => {
    expect(nameFromLocation('https://example.com/teams/Platform.json')).toBe('platform');
    expect(nameFromLocation('git@github.com:team/aws-roles.git')).toBe('aws-roles');
    expect(nameFromLocation('https://roles.example.com/')).toBe('roles');
  });

  it('reads --every as a duration and refuses nonsense in one line', () => {
    expect(parseEvery('1h')).toBe(3600);
    expect(parseEvery('30m')).toBe(1800);
    expect(() => parseEvery('soon')).toThrow(
      '--every: "soon" is not a duration; use e.g. 30m, 1h or 1d',
    );
    expect(() => parseEvery('5s')).toThrow('every: 5 s is out of range; use 60–604800 seconds');
  });

  it('takes a pin per kind: 64 hex digits for a file, a commit id for git', () => {
    const base = { name: 'p', kind: 'git', location: 'file:///srv/r.git' };
    expect(checkSubscriptionRecord({ ...base, sha256: 'A'.repeat(40) }).sha256).toBe(
      'a'.repeat(40),
    );
    expect(() =>
      checkSubscriptionRecord({ name: 'p', kind: 'file', location: '/x', sha256: 'abc' }),
    ).toThrow(/sha256: "abc" is not a digest; give the SHA-256 of the file as 64 hex digits/);
    expect(() =>
      checkSubscriptionRecord({ ...base, kind: 'file', location: '/x', ref: 'main' }),
    ).toThrow('--ref and --path are for git subscriptions');
    expect(() => checkSubscriptionRecord({ ...base, path: '../etc/passwd' })).toThrow(
      /is not a path inside the repository/,
    );
  });
});

describe('a subscribed role in the catalog', () => {
  it('refuses edits to its definition and its removal, naming the subscription; looks are the user’s', () => {
    const store = subscribedCatalog();
    expect(() =>
      store.update('team-qa', { roleArn: 'arn:aws:iam::210987654321:role/other' }),
    ).toThrow(
      'role ARN: "team qa" comes from subscription platform and its role ARN is read-only here; change it upstream, or unsubscribe (switchyard catalog unsubscribe platform)',
    );
    expect(() => store.remove('team-qa')).toThrow(
      /comes from subscription platform; remove it upstream/,
    );
    expect(store.update('team-qa', { label: 'QA', color: '00ff00', profile: 'qa' })).toMatchObject({
      label: 'QA',
      subscription: 'platform',
    });
    expect(() => store.update('team-qa', { subscription: null } as never)).toThrow(
      'subscription: is set only by catalog subscriptions',
    );
  });

  it('leaves the export without its subscription mark, and an import does not override it', () => {
    const store = subscribedCatalog();
    const text = exportCatalog(store);
    expect(text).not.toContain('"subscription"');
    const plan = planCatalogFileImport(
      catalogExport([teamRole('team-qa', { durationSeconds: 7200 })]),
      store.list(),
    );
    expect(plan.updated).toEqual([]);
    expect(plan.skipped[0]!.reason).toBe('comes from subscription platform; change it upstream');
  });

  it('cannot name a subscription the catalog does not have', () => {
    const store = CatalogStore.open({ dir: tempDir() });
    expect(() =>
      store.rewrite(() => ({
        roles: [{ ...teamRole('x'), subscription: 'ghost' }],
        result: undefined,
      })),
    ).toThrow(/names subscription "ghost", which the catalog does not have/);
  });
});

describe('subscribed content', () => {
  it('reads an AWS config file of role profiles with the import rules', () => {
    const config = [
      '[profile team-ops]',
      'role_arn = arn:aws:iam::210987654321:role/ops',
      'source_profile = source',
      '',
    ].join('\n');
    const [role] = readSubscriptionContent(Buffer.from(config));
    expect(role).toMatchObject({
      roleArn: 'arn:aws:iam::210987654321:role/ops',
      profile: 'team-ops-switchyard',
    });
    expect(role!.importedFrom).toBeUndefined();
  });

  it('rejects a config file whole when one role profile cannot be imported', () => {
    const config = '[profile a]\nrole_arn = arn:aws:iam::210987654321:role/a\n';
    expect(() => readSubscriptionContent(Buffer.from(config))).toThrow(
      /^catalog file: profile "a": it has neither source_profile nor credential_source/,
    );
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(() => readSubscriptionContent(Buffer.from([0x7b, 0xff, 0x7d]))).toThrow(
      'catalog file: is not UTF-8 text; publish the file as UTF-8',
    );
  });

  it('reads a subscribed file only when it is a regular file under the size limit', async () => {
    const dir = tempDir();
    execFileSync('mkdir', ['-p', dir]);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(fetchFile(fifo, DEFAULT_FETCH_LIMITS)).rejects.toThrow(/FIFO|not a regular file/i);
    const big = join(dir, 'big.json');
    writeFileSync(big, Buffer.alloc(DEFAULT_FETCH_LIMITS.maxBytes + 1, 0x20));
    await expect(fetchFile(big, DEFAULT_FETCH_LIMITS)).rejects.toThrow('larger than 1024 KiB');
  });
});
