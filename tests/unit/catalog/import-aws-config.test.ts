import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { awsConfigPath, readAwsConfig } from '../../../electron/core/catalog/aws-config-file';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import {
  applyConfigImport,
  planConfigImport,
  type ConfigImportPlan,
} from '../../../electron/core/catalog/import-aws-config';
import type { RoleEntry } from '../../../shared/model';
import { expectInputError } from '../shared/expect-input-error';
import { roleInput, useTempConfigDir } from './catalog-fixtures';

const tempDir = useTempConfigDir();

const A = 'arn:aws:iam::111111111111:role';

const CONFIG = `# Work accounts
[default]
region = us-east-1

[profile login]
region = eu-west-1

[profile prod]
role_arn = ${A}/Admin
source_profile = login
external_id = prod-ext
mfa_serial = arn:aws:iam::999999999999:mfa/alice
duration_seconds = 7200
region = eu-central-1
role_session_name = alice

; read-only, assumed from the prod session
[profile prod-readonly]
role_arn = ${A}/ReadOnly
source_profile = prod

[profile ec2]
role_arn = arn:aws:iam::222222222222:role/Deploy
credential_source = Ec2InstanceMetadata

[profile Mixed_Case]
ROLE_ARN = ${A}/Mixed
Source_Profile = login

[profile bad-arn]
role_arn = arn:aws:iam::123:role/X
source_profile = login

[profile child-of-bad]
role_arn = ${A}/Child
source_profile = bad-arn

[profile bad-duration]
role_arn = ${A}/X
source_profile = login
duration_seconds = 1h

[profile chained-long]
role_arn = ${A}/Long
source_profile = prod
duration_seconds = 7200

[profile both]
role_arn = ${A}/Both
source_profile = login
credential_source = Environment

[profile neither]
role_arn = ${A}/Neither

[profile odd-source]
role_arn = ${A}/Odd
credential_source = Laptop

[profile loop-a]
role_arn = ${A}/LoopA
source_profile = loop-b

[profile loop-b]
role_arn = ${A}/LoopB
source_profile = loop-a

[profile self]
role_arn = ${A}/Self
source_profile = self
aws_access_key_id = AKIAIOSFODNN7EXAMPLE

[profile twice]
role_arn = ${A}/Twice
source_profile = login

[profile twice]
region = us-west-2

[profile dup-key]
role_arn = ${A}/DupKey
role_arn = ${A}/DupKey2
source_profile = login

[profile with space]
role_arn = ${A}/Space
source_profile = login

[profile inline-comment]
role_arn = ${A}/Inline # prod
source_profile = login

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start

[profile sso-dev]
sso_session = corp
sso_account_id = 333333333333
sso_role_name = Dev

[bare-section]
role_arn = ${A}/Ignored
source_profile = login
`;

function byProfile(plan: ConfigImportPlan): Map<string, RoleEntry> {
  return new Map(plan.toAdd.map((role) => [role.importedFrom as string, role]));
}

function reasons(plan: ConfigImportPlan): Record<string, string> {
  return Object.fromEntries(plan.skipped.map((skip) => [skip.profile, skip.reason]));
}

describe('planConfigImport: a config with every case', () => {
  const plan = planConfigImport(CONFIG, []);
  const added = byProfile(plan);
  const skipped = reasons(plan);

  it('imports role profiles into distinct <name>-switchyard targets', () => {
    expect([...added.keys()].sort()).toEqual(['Mixed_Case', 'ec2', 'prod', 'prod-readonly']);
    for (const [name, role] of added) expect(role.profile).toBe(`${name}-switchyard`);
  });

  it('carries every role key over', () => {
    expect(added.get('prod')).toEqual({
      id: added.get('prod')?.id,
      label: 'prod',
      roleArn: `${A}/Admin`,
      profile: 'prod-switchyard',
      source: { kind: 'profile', profile: 'login' },
      externalId: 'prod-ext',
      sessionName: 'alice',
      durationSeconds: 7200,
      region: 'eu-central-1',
      mfaSerial: 'arn:aws:iam::999999999999:mfa/alice',
      tags: [],
      importedFrom: 'prod',
    });
    expect(added.get('prod')?.id).toMatch(/^[a-km-np-z2-9]{8}$/);
  });

  it('chains a role whose source_profile is another role profile', () => {
    expect(added.get('prod-readonly')?.source).toEqual({
      kind: 'role',
      roleId: added.get('prod')?.id,
    });
    // Sources come before the roles chained from them.
    expect(plan.toAdd.indexOf(added.get('prod') as RoleEntry)).toBeLessThan(
      plan.toAdd.indexOf(added.get('prod-readonly') as RoleEntry),
    );
  });

  it('maps credential_source to the default chain and reads keys case-insensitively', () => {
    expect(added.get('ec2')?.source).toEqual({ kind: 'default' });
    expect(added.get('Mixed_Case')).toMatchObject({
      roleArn: `${A}/Mixed`,
      source: { kind: 'profile', profile: 'login' },
    });
  });

  it.each([
    ['bad-arn', 'role_arn: account ID "123" is not 12 digits'],
    ['child-of-bad', 'its source_profile "bad-arn" cannot be imported'],
    ['bad-duration', 'duration_seconds: "1h" is not a whole number of seconds'],
    ['chained-long', 'duration_seconds: 7200 seconds is more than 1 hour'],
    ['both', 'sets both source_profile and credential_source'],
    ['neither', 'has neither source_profile nor credential_source'],
    [
      'odd-source',
      'credential_source "Laptop" is not Environment, Ec2InstanceMetadata or EcsContainer',
    ],
    ['loop-a', 'its source_profile chain loops: loop-a → loop-b → loop-a'],
    ['loop-b', 'its source_profile chain loops'],
    ['self', 'its source_profile is itself'],
    ['twice', 'defined 2 times'],
    ['dup-key', '"role_arn" is set twice'],
    ['with space', 'profile name: "with space" contains a space'],
    ['inline-comment', 'role_arn:'],
    ['sso-dev', 'its [sso-session corp] has no sso_region'],
  ])('skips %s: %s', (profile, fragment) => {
    expect(skipped[profile]).toContain(fragment);
    // eslint-disable-next-line no-control-regex
    expect(skipped[profile]).not.toMatch(/[\u0000-\u001f]/);
  });

  it('lists nothing that is not a role profile', () => {
    for (const name of ['default', 'login', 'bare-section', 'corp']) {
      expect(added.has(name) || name in skipped, name).toBe(false);
    }
  });

  it('gives the same plan every time', () => {
    expect(planConfigImport(CONFIG, [])).toEqual(plan);
  });

  it('applies as roles the catalog accepts', () => {
    tempDir();
    const store = CatalogStore.open();
    const result = applyConfigImport(store, plan);
    expect(result.added).toHaveLength(4);
    expect(store.list().map((role) => role.importedFrom)).toEqual(
      plan.toAdd.map((role) => role.importedFrom),
    );
  });
});

describe('planConfigImport: edge cases', () => {
  it('imports [default] and [profile default] as "default"', () => {
    const plan = planConfigImport(
      `[default]\nrole_arn = ${A}/D\ncredential_source = Environment\n`,
      [],
    );
    expect(plan.toAdd.map((role) => [role.importedFrom, role.profile])).toEqual([
      ['default', 'default-switchyard'],
    ]);
  });

  it('never crashes on garbage', () => {
    const garbage = `[profile x\nrole_arn\n= =\n[profile y]\nrole_arn =\nsource_profile = \n\u0000\u00ff\n[]\n[profile ]\n`;
    const plan = planConfigImport(garbage, []);
    expect(plan.toAdd).toEqual([]);
    expect(reasons(plan).y).toContain('role_arn: is empty');
    expect(planConfigImport('', [])).toEqual({ toAdd: [], toUpdate: [], skipped: [] });
  });

  it('lets the caller choose the target profile', () => {
    const config = `[profile prod]\nrole_arn = ${A}/P\nsource_profile = login\n`;
    expect(
      planConfigImport(config, [], { targetProfile: (name) => `sy-${name}` }).toAdd[0]?.profile,
    ).toBe('sy-prod');
    const bad = planConfigImport(config, [], { targetProfile: () => 'has space' });
    expect(reasons(bad).prod).toContain('target profile: "has space" contains a space');
  });

  it('refuses a target that the config itself gives credentials to', () => {
    const config = `[profile a]\nrole_arn = ${A}/A\nsource_profile = login\n[profile a-switchyard]\nrole_arn = ${A}/B\nsource_profile = login\n`;
    const skipped = reasons(planConfigImport(config, []));
    expect(skipped.a).toContain('"a-switchyard" is a profile the config gives credentials to');
    const sso = `[profile a]\nrole_arn = ${A}/A\nsource_profile = login\n[profile a-switchyard]\nsso_session = corp\n`;
    expect(reasons(planConfigImport(sso, [])).a).toContain('the SDKs would ignore');
  });

  it('skips a role whose target another catalog role already writes', () => {
    const existing: RoleEntry[] = [
      { ...roleInput('Manual', { profile: 'prod-switchyard' }), id: 'manual01', tags: [] },
    ];
    const skipped = reasons(
      planConfigImport(`[profile prod]\nrole_arn = ${A}/P\nsource_profile = login\n`, existing),
    );
    expect(skipped.prod).toContain(
      'target profile: "prod-switchyard" is already written by "Manual" (id manual01)',
    );
  });

  it("chains from a catalog role when source_profile is that role's target", () => {
    const existing: RoleEntry[] = [
      { ...roleInput('Hub', { profile: 'hub' }), id: 'hub00001', tags: [] },
    ];
    const plan = planConfigImport(
      `[profile spoke]\nrole_arn = ${A}/S\nsource_profile = hub\n`,
      existing,
    );
    expect(plan.toAdd[0]?.source).toEqual({ kind: 'role', roleId: 'hub00001' });
  });
});

describe('re-importing', () => {
  const first = `[profile prod]\nrole_arn = ${A}/Admin\nsource_profile = login\nregion = eu-west-1\nexternal_id = old-ext\n\n[profile ro]\nrole_arn = ${A}/RO\nsource_profile = prod\n`;

  it('updates the roles it imported before instead of duplicating them, keeping local choices', () => {
    tempDir();
    const store = CatalogStore.open();
    applyConfigImport(store, planConfigImport(first, store.list()));
    const prod = store.get('prod');
    store.update(prod.id, {
      label: 'Production',
      color: 'red',
      tags: ['mine'],
      profile: 'prod-admin',
    });

    const unchanged = planConfigImport(first, store.list());
    expect(unchanged.toAdd).toEqual([]);
    expect(unchanged.toUpdate).toEqual([]);
    expect(unchanged.skipped).toEqual([
      { profile: 'prod', reason: 'already imported; nothing changed', inCatalog: 'Production' },
      { profile: 'ro', reason: 'already imported; nothing changed', inCatalog: 'ro' },
    ]);

    const edited = first
      .replace('region = eu-west-1', 'region = eu-north-1')
      .replace('external_id = old-ext\n', '');
    const plan = planConfigImport(edited, store.list());
    expect(plan.toAdd).toEqual([]);
    expect(plan.toUpdate).toHaveLength(1);
    const [update] = plan.toUpdate;
    expect([...(update?.changed ?? [])].sort()).toEqual(['externalId', 'region']);
    expect(update?.after).toMatchObject({
      id: prod.id,
      label: 'Production',
      color: 'f2b0a9',
      tags: ['mine'],
      profile: 'prod-admin',
      region: 'eu-north-1',
    });
    expect(update?.after).not.toHaveProperty('externalId');

    const result = applyConfigImport(store, plan);
    expect(result.updated).toHaveLength(1);
    expect(store.list()).toHaveLength(2);
    expect(store.get(prod.id).region).toBe('eu-north-1');
  });

  it('refuses a plan made before the catalog changed, writing nothing', () => {
    tempDir();
    const store = CatalogStore.open();
    applyConfigImport(store, planConfigImport(first, []));
    const plan = planConfigImport(first.replace('eu-west-1', 'eu-north-1'), store.list());
    store.update('prod', { label: 'Renamed' });
    const before = store.list();
    expectInputError(
      () => applyConfigImport(store, plan),
      'import',
      'changed after this import was previewed',
    );
    expect(store.list()).toEqual(before);
  });
});

describe('reading the config file', () => {
  it('honours AWS_CONFIG_FILE, expands ~/, and falls back to ~/.aws/config', () => {
    expect(awsConfigPath({ AWS_CONFIG_FILE: '/etc/aws.cfg', HOME: '/h' })).toBe('/etc/aws.cfg');
    expect(awsConfigPath({ AWS_CONFIG_FILE: '~/cfg', HOME: '/h' })).toBe('/h/cfg');
    expect(awsConfigPath({ HOME: '/h' })).toBe('/h/.aws/config');
    expect(awsConfigPath({ USERPROFILE: '/users/a' })).toBe('/users/a/.aws/config');
  });

  it('reads the file, and a missing one as empty', () => {
    const home = mkdtempSync(join(tmpdir(), 'switchyard-awshome-'));
    try {
      mkdirSync(join(home, '.aws'));
      const custom = join(home, 'custom-config');
      writeFileSync(custom, CONFIG);
      expect(readAwsConfig({ HOME: home, AWS_CONFIG_FILE: custom })).toEqual({
        path: custom,
        text: CONFIG,
        exists: true,
      });
      expect(readAwsConfig({ HOME: home })).toEqual({
        path: join(home, '.aws', 'config'),
        text: '',
        exists: false,
      });
      expect(() => readAwsConfig({ HOME: home, AWS_CONFIG_FILE: join(home, '.aws') })).toThrow(
        /is a directory/,
      );
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
