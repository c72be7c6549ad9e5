import { describe, expect, it } from 'vitest';

import { countImportable } from '../../../electron/core/catalog/config-import-found';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import {
  applyConfigImport,
  planConfigImport,
} from '../../../electron/core/catalog/import-aws-config';
import { selectConfigImport } from '../../../electron/core/catalog/select-config-import';
import type { RoleEntry } from '../../../shared/model';
import { expectInputError } from '../shared/expect-input-error';
import { roleInput, useTempConfigDir } from './catalog-fixtures';

const tempDir = useTempConfigDir();
const A = 'arn:aws:iam::111111111111:role';

const CONFIG = `[profile login]
region = eu-west-1

[profile prod]
role_arn = ${A}/Admin
source_profile = login

[profile prod-ro]
role_arn = ${A}/ReadOnly
source_profile = prod

[profile dev]
role_arn = ${A}/Dev
source_profile = login

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile sso-dev]
sso_session = corp
sso_account_id = 333333333333
sso_role_name = Dev
`;

/** A role added by hand: same ARN and source as [profile prod], another label and profile. */
const HAND_MADE: RoleEntry = {
  ...roleInput('Prod admin', { roleArn: `${A}/Admin`, profile: 'prod-admin' }),
  id: 'hand0001',
  tags: [],
};

describe('a role the catalog already has (same ARN and source)', () => {
  it('is not offered again, and says which catalog role it is', () => {
    const plan = planConfigImport(CONFIG, [HAND_MADE]);
    expect(plan.toAdd.map((role) => role.importedFrom)).toEqual(['prod-ro', 'dev', 'sso-dev']);
    expect(plan.skipped).toEqual([
      {
        profile: 'prod',
        reason: 'already in your catalog as "Prod admin" (same role ARN and source)',
        inCatalog: 'Prod admin',
      },
    ]);
  });

  it('chains the roles assumed from that profile from the catalog role', () => {
    const plan = planConfigImport(CONFIG, [HAND_MADE]);
    const ro = plan.toAdd.find((role) => role.importedFrom === 'prod-ro');
    expect(ro?.source).toEqual({ kind: 'role', roleId: 'hand0001' });
  });

  it('is offered when only the ARN matches (another source is another way in)', () => {
    const other = { ...HAND_MADE, source: { kind: 'profile' as const, profile: 'elsewhere' } };
    const plan = planConfigImport(CONFIG, [other]);
    expect(plan.toAdd.map((role) => role.importedFrom)).toContain('prod');
  });
});

describe('importing only the ticked profiles', () => {
  it('adds just those, in one write', () => {
    tempDir();
    const store = CatalogStore.open();
    const plan = planConfigImport(CONFIG, store.list());
    const result = applyConfigImport(store, selectConfigImport(plan, ['dev', 'sso-dev']));
    expect(result.added.map((role) => role.importedFrom)).toEqual(['dev', 'sso-dev']);
    expect(store.list().map((role) => role.importedFrom)).toEqual(['dev', 'sso-dev']);
  });

  it('refuses a chained role without the new role it is assumed from, naming both', () => {
    const plan = planConfigImport(CONFIG, []);
    expectInputError(
      () => selectConfigImport(plan, ['prod-ro']),
      'import',
      '"prod-ro" is assumed from "prod", which is not selected; select "prod" too',
    );
    expect(selectConfigImport(plan, ['prod', 'prod-ro']).toAdd).toHaveLength(2);
  });

  it('refuses a name the preview does not offer, saying why', () => {
    const plan = planConfigImport(CONFIG, [HAND_MADE]);
    expectInputError(
      () => selectConfigImport(plan, ['prod'], '--only'),
      '--only',
      'profile "prod" is not imported: already in your catalog as "Prod admin"',
    );
    expectInputError(
      () => selectConfigImport(plan, ['nope'], '--only'),
      '--only',
      'there is no role profile named "nope" to import',
    );
  });
});

describe('what a config holds', () => {
  it('counts role profiles, Identity Center roles and sessions', () => {
    expect(countImportable(CONFIG)).toEqual({ roleProfiles: 3, ssoProfiles: 1, ssoSessions: 1 });
    expect(countImportable('')).toEqual({ roleProfiles: 0, ssoProfiles: 0, ssoSessions: 0 });
  });
});
