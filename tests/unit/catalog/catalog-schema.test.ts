import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, describe, expect, it } from 'vitest';

import { catalogConfOptions } from '../../../electron/core/catalog/catalog-conf-options';
import {
  CATALOG_DEFAULTS,
  CATALOG_ROOT_SCHEMA,
  CATALOG_SCHEMA,
  CATALOG_VERSION,
} from '../../../electron/core/catalog/catalog-schema';
import { checkCatalogDocument } from '../../../electron/core/catalog/check-catalog-document';
import { arn } from './catalog-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** conf with exactly the options the store uses, minus the store's own strict reader. */
const conf = new Conf<Record<string, unknown>>(catalogConfOptions(dir));

function schemaAccepts(doc: unknown): boolean {
  try {
    conf.store = structuredClone(doc) as Record<string, unknown>;
    return true;
  } catch (error) {
    expect((error as Error).message).toMatch(/^Config schema violation/);
    return false;
  }
}

const FULL_ROLE = {
  id: 'full0001',
  label: 'Everything 🚀',
  roleArn: 'arn:aws-us-gov:iam::000000000001:role/path/to/Role',
  profile: 'gov:full@x',
  source: { kind: 'keys', name: 'ci.user' },
  externalId: 'ext:id/with=chars',
  sessionName: 'alice@example.com',
  durationSeconds: 43200,
  region: 'us-gov-west-1',
  mfaSerial: 'arn:aws:iam::000000000001:mfa/alice',
  color: '83d4e8',
  group: 'Gov',
  tags: ['a', 'b'],
  importedFrom: 'gov',
};

/** An Identity Center role with every field it may have. */
const FULL_SSO_ROLE = {
  id: 'sso00001',
  label: 'Gov Account / Admin+Ops',
  roleArn: 'arn:aws-us-gov:iam::000000000002:role/Admin+Ops=x,y.z@w-1',
  profile: 'gov-account/Admin+Ops',
  source: {
    kind: 'sso',
    session: 'gov-sso',
    accountId: '000000000002',
    roleName: 'Admin+Ops=x,y.z@w-1',
  },
  region: 'us-gov-west-1',
  color: '83d4e8',
  group: 'Gov Account',
  tags: ['sso'],
  importedFrom: 'gov-admin',
  notGrantedSince: 1_785_000_000_000,
};

describe('the catalog JSON schema', () => {
  it('is plain data conf compiles in strict mode', () => {
    expect(JSON.parse(JSON.stringify(CATALOG_SCHEMA))).toEqual(CATALOG_SCHEMA);
    expect(CATALOG_ROOT_SCHEMA.additionalProperties).toBe(false);
    expect(conf.store).toEqual(CATALOG_DEFAULTS);
  });

  it('accepts every document the field checks accept', () => {
    const docs = [
      CATALOG_DEFAULTS,
      {
        version: CATALOG_VERSION,
        roles: [
          FULL_ROLE,
          FULL_SSO_ROLE,
          {
            id: 'chained1',
            label: 'From SSO',
            roleArn: arn('FromSso'),
            profile: 'from-sso',
            source: { kind: 'role', roleId: 'sso00001' },
            durationSeconds: 3600,
            tags: [],
          },
          {
            id: 'a',
            label: 'A',
            roleArn: arn('A'),
            profile: 'a',
            source: { kind: 'default' },
            tags: [],
          },
          {
            id: 'b',
            label: 'B',
            roleArn: arn('B'),
            profile: 'b',
            source: { kind: 'role', roleId: 'a' },
            tags: [],
          },
          {
            id: 'c',
            label: 'C',
            roleArn: arn('C'),
            profile: 'c',
            source: { kind: 'profile', profile: 'login' },
            tags: [],
          },
        ],
        settings: CATALOG_DEFAULTS.settings,
        defaultRoleId: 'b',
      },
    ];
    for (const doc of docs) {
      const checked = checkCatalogDocument(structuredClone(doc) as Record<string, unknown>);
      expect(schemaAccepts(checked)).toBe(true);
    }
  });

  it.each([
    ['a bad ARN', { roleArn: 'arn:aws:s3:::bucket' }],
    ['a five-digit colour', { color: 'f2b0a' }],
    ['a short duration', { durationSeconds: 60 }],
    ['an unknown field', { extra: 1 }],
    ['21 tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
    ['a source with two kinds of field', { source: { kind: 'default', profile: 'x' } }],
    ['a bad id', { id: 'Has Space' }],
  ])('rejects a role with %s, as the field checks do', (_name, change) => {
    const role = { ...FULL_ROLE, ...change };
    expect(schemaAccepts({ ...CATALOG_DEFAULTS, roles: [role] })).toBe(false);
    expect(() => checkCatalogDocument({ ...CATALOG_DEFAULTS, roles: [role] })).toThrow();
  });

  const ssoSource = (change: Record<string, unknown>) => ({
    source: { ...FULL_SSO_ROLE.source, ...change },
  });
  it.each([
    ['an 11-digit account', ssoSource({ accountId: '00000000002' })],
    ['a 65-character role name', ssoSource({ roleName: 'x'.repeat(65) })],
    ['a role name with a space', ssoSource({ roleName: 'Admin Ops' })],
    ['a session name with a space', ssoSource({ session: 'my sso' })],
    ['a start URL in the source', ssoSource({ startUrl: 'https://x.awsapps.com/start' })],
    ['no role name', { source: { kind: 'sso', session: 's', accountId: '000000000002' } }],
    ['a fractional notGrantedSince', { notGrantedSince: 1.5 }],
    ['a negative notGrantedSince', { notGrantedSince: -1 }],
    ['a notGrantedSince as text', { notGrantedSince: '2026-01-01' }],
  ])('rejects an Identity Center role with %s, as the field checks do', (_name, change) => {
    const role = { ...FULL_SSO_ROLE, ...change };
    expect(schemaAccepts({ ...CATALOG_DEFAULTS, roles: [role] })).toBe(false);
    expect(() => checkCatalogDocument({ ...CATALOG_DEFAULTS, roles: [role] })).toThrow();
  });

  it('rejects unknown top-level keys and settings', () => {
    expect(schemaAccepts({ ...CATALOG_DEFAULTS, extra: true })).toBe(false);
    expect(
      schemaAccepts({
        ...CATALOG_DEFAULTS,
        settings: { ...CATALOG_DEFAULTS.settings, theme: 'x' },
      }),
    ).toBe(false);
  });
});
