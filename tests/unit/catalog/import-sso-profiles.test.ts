import { describe, expect, it } from 'vitest';

import {
  planConfigImport,
  type ConfigImportPlan,
} from '../../../electron/core/catalog/import-aws-config';
import { checkCatalogDocument } from '../../../electron/core/catalog/check-catalog-document';
import { CATALOG_VERSION } from '../../../electron/core/catalog/catalog-schema';
import { planSsoSync } from '../../../electron/core/sso/plan-sso-sync';
import type { RoleEntry } from '../../../shared/model';

const CONFIG = `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[sso-session china]
sso_start_url = https://cn.awsapps.cn/start/#/
sso_region = cn-north-1

[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Developer
region = eu-central-1
output = json

[profile cn-admin]
sso_session = china
sso_account_id = 222222222222
sso_role_name = Admin

[profile legacy-match]
sso_start_url = https://corp.awsapps.com/start/
sso_region = eu-west-1
sso_account_id = 333333333333
sso_role_name = ReadOnly

[profile legacy-alone]
sso_start_url = https://other.awsapps.com/start
sso_region = us-east-1
sso_account_id = 444444444444
sso_role_name = ReadOnly

[profile legacy-other-region]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 444444444444
sso_role_name = Admin

[profile no-session]
sso_session = nowhere
sso_account_id = 555555555555
sso_role_name = Admin

[profile half]
sso_session = corp
sso_account_id = 555555555555

[profile bad-role]
sso_session = corp
sso_account_id = 555555555555
sso_role_name = Power User

[profile bad-account]
sso_session = corp
sso_account_id = 5555
sso_role_name = Admin

[profile login-only]
sso_session = corp

[profile deploy]
role_arn = arn:aws:iam::666666666666:role/Deploy
source_profile = dev
`;

function reasons(plan: ConfigImportPlan): Record<string, string> {
  return Object.fromEntries(plan.skipped.map((skip) => [skip.profile, skip.reason]));
}

const byImport = (roles: readonly RoleEntry[], name: string) =>
  roles.find((role) => role.importedFrom === name);

describe('roles import: Identity Center profiles', () => {
  const plan = planConfigImport(CONFIG, []);
  const skipped = reasons(plan);

  it('imports an sso_session profile as an sso role written to <name>-switchyard', () => {
    expect(byImport(plan.toAdd, 'dev')).toEqual({
      id: expect.stringMatching(/^[a-z0-9]{8}$/),
      label: 'dev',
      roleArn: 'arn:aws:iam::111111111111:role/Developer',
      profile: 'dev-switchyard',
      source: { kind: 'sso', session: 'corp', accountId: '111111111111', roleName: 'Developer' },
      region: 'eu-central-1',
      tags: [],
      importedFrom: 'dev',
    });
  });

  it("takes the ARN's partition from the session's region", () => {
    expect(byImport(plan.toAdd, 'cn-admin')?.roleArn).toBe(
      'arn:aws-cn:iam::222222222222:role/Admin',
    );
  });

  it('gives a legacy profile the [sso-session] with its start URL and region', () => {
    expect(byImport(plan.toAdd, 'legacy-match')?.source).toEqual({
      kind: 'sso',
      session: 'corp',
      accountId: '333333333333',
      roleName: 'ReadOnly',
    });
  });

  it('skips a legacy profile no [sso-session] matches, saying how to add one', () => {
    expect(skipped['legacy-alone']).toBe(
      'uses the legacy sso_start_url form; run "switchyard sso login https://other.awsapps.com/start --region us-east-1" to add an [sso-session] for it, then import again',
    );
    expect(skipped['legacy-other-region']).toContain('--region us-east-1');
  });

  it.each([
    ['no-session', 'its sso_session "nowhere" has no [sso-session nowhere] section'],
    ['half', 'it sets sso_account_id without sso_role_name'],
    ['bad-role', 'sso_role_name: "Power User" contains a space'],
    ['bad-account', 'sso_account_id: "5555" is not 12 digits'],
  ])('skips %s: %s', (name, fragment) => {
    expect(skipped[name]).toContain(fragment);
    // eslint-disable-next-line no-control-regex
    expect(skipped[name]).not.toMatch(/[\u0000-\u001f]/);
  });

  it('lists neither a sign-in-only profile nor the sessions', () => {
    for (const name of ['login-only', 'corp', 'china']) {
      expect(byImport(plan.toAdd, name) ?? skipped[name], name).toBeUndefined();
    }
  });

  it('still assumes a role profile from an SSO profile through that profile', () => {
    expect(byImport(plan.toAdd, 'deploy')?.source).toEqual({ kind: 'profile', profile: 'dev' });
  });

  it('gives roles the catalog accepts', () => {
    checkCatalogDocument({
      version: CATALOG_VERSION,
      roles: structuredClone(plan.toAdd) as unknown as RoleEntry[],
      settings: {},
    });
  });
});

describe('roles import and sync together', () => {
  const first = planConfigImport(CONFIG, []).toAdd;

  it('re-imports unchanged, keeping edits and the not-granted mark', () => {
    const dev = byImport(first, 'dev')!;
    const edited = { ...dev, label: 'My dev', color: 'f2b0a9', notGrantedSince: 5 };
    const roles = first.map((role) => (role.id === dev.id ? edited : role));
    const again = planConfigImport(CONFIG, roles);
    expect(again.toAdd).toEqual([]);
    expect(again.toUpdate).toEqual([]);
    expect(reasons(again).dev).toBe('already imported; nothing changed');
  });

  it('links a role a sync made for the same assignment instead of adding a second', () => {
    const sync = planSsoSync({
      roles: [],
      session: 'corp',
      assignments: [
        { accountId: '111111111111', accountName: 'Dev Account', roleName: 'Developer' },
      ],
      now: 1,
    });
    const synced = sync.add[0]!;
    const plan = planConfigImport(CONFIG, [synced]);
    expect(byImport(plan.toAdd, 'dev')).toBeUndefined();
    expect(plan.toUpdate.map((u) => u.after)).toContainEqual({
      ...synced,
      region: 'eu-central-1',
      importedFrom: 'dev',
    });
  });

  it('lets a first sync name an imported role after its account', () => {
    const dev = byImport(first, 'dev')!;
    const sync = planSsoSync({
      roles: first,
      session: 'corp',
      assignments: [
        { accountId: '111111111111', accountName: 'Dev Account', roleName: 'Developer' },
      ],
      now: 1,
    });
    expect(sync.update.find((c) => c.before.id === dev.id)?.after).toEqual({
      ...dev,
      label: 'Dev Account / Developer',
      group: 'Dev Account',
    });
    // legacy-match is in the same session and no longer granted.
    expect(sync.gone.map((c) => c.before.importedFrom)).toEqual(['legacy-match']);
  });
});
