import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RoleEntry } from '../../../../shared/model';
import { createTempAwsHome, type TempAwsHome } from '../../../support/temp-aws-home';
import {
  addRole,
  arn,
  catalogBytes,
  expectJson,
  expectOneLineError,
  listRoles,
  switchyard,
} from './roles-cli';

const A = 'arn:aws:iam::111111111111:role';

/** A ~/.aws/config with the usual kinds of profiles, good and bad. */
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

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[profile sso-dev]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = Dev

[profile ec2]
role_arn = arn:aws:iam::222222222222:role/Deploy
credential_source = Ec2InstanceMetadata

[profile bad-arn]
role_arn = arn:aws:iam::123:role/X
source_profile = login

[profile child-of-bad]
role_arn = ${A}/Child
source_profile = bad-arn

[profile loop-a]
role_arn = ${A}/LoopA
source_profile = loop-b

[profile loop-b]
role_arn = ${A}/LoopB
source_profile = loop-a

[profile sso-legacy]
sso_start_url = https://old.awsapps.com/start
sso_region = us-east-1
sso_account_id = 333333333333
sso_role_name = Admin
`;

interface ImportJson {
  configFile: string;
  catalogFile: string;
  dryRun: boolean;
  added: RoleEntry[];
  updated: { before: RoleEntry; after: RoleEntry; changed: string[] }[];
  skipped: { profile: string; reason: string }[];
}

let home: TempAwsHome;
beforeEach(() => {
  home = createTempAwsHome({ config: CONFIG });
});
afterEach(() => home.cleanup());

function importJson(args: readonly string[] = []) {
  return switchyard(home, ['roles', 'import', ...args, '--json']).then(expectJson<ImportJson>);
}

describe('switchyard roles import', () => {
  it('previews with --dry-run, saying what and why, and writes nothing', async () => {
    const text = await switchyard(home, ['roles', 'import', '--dry-run']);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^add\s+prod\s+→ profile prod-switchyard \(.+\/Admin\)$/),
      expect.stringMatching(/^add\s+prod-readonly\s+→ profile prod-readonly-switchyard /),
      expect.stringMatching(
        /^add\s+sso-dev\s+→ profile sso-dev-switchyard \(arn:aws:iam::222222222222:role\/Dev\)$/,
      ),
      expect.stringMatching(/^add\s+ec2\s+→ profile ec2-switchyard /),
      expect.stringMatching(/^skip\s+bad-arn\s+role_arn: account ID "123" is not 12 digits/),
      expect.stringMatching(
        /^skip\s+child-of-bad\s+its source_profile "bad-arn" cannot be imported/,
      ),
      expect.stringMatching(/^skip\s+loop-b\s+its source_profile chain loops: /),
      expect.stringMatching(/^skip\s+loop-a\s+its source_profile chain loops: /),
      expect.stringMatching(
        /^skip\s+sso-legacy\s+uses the legacy sso_start_url form; run "switchyard sso login https:\/\/old\.awsapps\.com\/start --region us-east-1" to add an \[sso-session\] for it, then import again$/,
      ),
      'dry run: 4 to add, 0 to update, 5 skipped; nothing was written',
    ]);

    const json = await importJson(['--dry-run']);
    expect(json.dryRun).toBe(true);
    expect(json.configFile).toBe(home.configPath);
    expect(json.added.map((role) => role.importedFrom)).toEqual([
      'prod',
      'prod-readonly',
      'sso-dev',
      'ec2',
    ]);
    expect(json.updated).toEqual([]);
    expect(json.skipped.map((skip) => skip.profile)).toEqual([
      'bad-arn',
      'child-of-bad',
      'loop-b',
      'loop-a',
      'sso-legacy',
    ]);
    expect(catalogBytes(home)).toBeUndefined();
  });

  it('imports, then imports again without duplicates, then picks up a changed profile', async () => {
    const first = await importJson();
    expect(first.dryRun).toBe(false);
    expect(first.added).toHaveLength(4);
    const roles = await listRoles(home);
    expect(roles).toEqual(first.added);
    const [prod, readonly, ssoDev, ec2] = roles;
    expect(prod).toMatchObject({
      label: 'prod',
      roleArn: `${A}/Admin`,
      profile: 'prod-switchyard',
      source: { kind: 'profile', profile: 'login' },
      externalId: 'prod-ext',
      mfaSerial: 'arn:aws:iam::999999999999:mfa/alice',
      durationSeconds: 7200,
      region: 'eu-central-1',
      sessionName: 'alice',
      importedFrom: 'prod',
    });
    expect(readonly?.source).toEqual({ kind: 'role', roleId: prod?.id });
    expect(ec2?.source).toEqual({ kind: 'default' });
    expect(ssoDev).toEqual({
      id: ssoDev?.id,
      label: 'sso-dev',
      roleArn: 'arn:aws:iam::222222222222:role/Dev',
      profile: 'sso-dev-switchyard',
      source: { kind: 'sso', session: 'corp', accountId: '222222222222', roleName: 'Dev' },
      tags: [],
      importedFrom: 'sso-dev',
    });
    const table = await switchyard(home, ['roles', 'list']);
    expect(table.stdout).toMatch(
      /^\S+\s+sso-dev\s+222222222222\s+Dev\s+sso-dev-switchyard\s+sso:corp$/m,
    );

    // Again: everything is already there.
    const bytes = catalogBytes(home);
    const again = await switchyard(home, ['roles', 'import']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^skip\s+prod\s+already imported; nothing changed$/m);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe(
      `nothing to import from ${home.configPath} (9 skipped); the catalog is unchanged`,
    );
    expect(catalogBytes(home)).toEqual(bytes);
    expect(await listRoles(home)).toEqual(roles);

    // A changed profile updates its role in place; what the user set on it stays.
    expectJson(
      await switchyard(home, ['roles', 'edit', 'prod', '--label', 'Prod admin', '--json']),
    );
    writeFileSync(home.configPath, CONFIG.replace(`${A}/Admin`, `${A}/PowerUser`));
    const changed = await importJson();
    expect(changed.added).toEqual([]);
    expect(changed.updated).toHaveLength(1);
    expect(changed.updated[0]?.changed).toEqual(['roleArn']);
    expect(changed.updated[0]?.after).toMatchObject({
      id: prod?.id,
      label: 'Prod admin',
      roleArn: `${A}/PowerUser`,
    });
    const after = await listRoles(home);
    expect(after.map((role) => role.id)).toEqual(roles.map((role) => role.id));
    expect(after[0]?.roleArn).toBe(`${A}/PowerUser`);
  });

  it('reads --config-file instead of AWS_CONFIG_FILE', async () => {
    const other = `${home.home}/other-config`;
    writeFileSync(other, `[profile ops]\nrole_arn = ${arn('Ops')}\nsource_profile = login\n`);
    const text = await switchyard(home, ['roles', 'import', '--config-file', 'other-config']);
    expect(text.stderr).toBe('');
    expect(text.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^add\s+ops\s+→ profile ops-switchyard /),
      `imported from ${other} into ${home.switchyardConfigDir}/catalog.json: 1 added, 0 updated, 0 skipped`,
    ]);
    expect((await listRoles(home)).map((role) => role.importedFrom)).toEqual(['ops']);
  });

  it('refuses a --config-file that does not exist (exit 1), writing nothing', async () => {
    expectOneLineError(
      await switchyard(home, ['roles', 'import', '--config-file', 'missing']),
      1,
      new RegExp(`${home.home}/missing does not exist`),
    );
    expect(catalogBytes(home)).toBeUndefined();
  });

  it('says so when no profile has a role_arn or an SSO role', async () => {
    writeFileSync(home.configPath, '[default]\nregion = us-east-1\n');
    const text = await switchyard(home, ['roles', 'import']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toBe(
      `no profile in ${home.configPath} has a role_arn or an sso_role_name; nothing to import\n`,
    );
    expect(catalogBytes(home)).toBeUndefined();
  });

  it('skips a profile whose target a hand-added role already writes', async () => {
    await addRole(home, [
      '--label',
      'Mine',
      '--role-arn',
      arn('Mine'),
      '--profile',
      'prod-switchyard',
    ]);
    const json = await importJson();
    expect(json.skipped).toContainEqual({
      profile: 'prod',
      reason: expect.stringContaining('"prod-switchyard" is already written by "Mine"'),
    });
  });
  it('imports only the profiles --only names, with the planner the tray uses', async () => {
    const json = await importJson(['--only', 'prod, ec2']);
    expect(json.added.map((role) => role.importedFrom)).toEqual(['prod', 'ec2']);
    expect((await listRoles(home)).map((role) => role.importedFrom)).toEqual(['prod', 'ec2']);
    expectOneLineError(
      await switchyard(home, ['roles', 'import', '--only', 'prod-readonly,nope']),
      2,
      /--only: there is no role profile named "nope" to import/,
    );
  });

  it('skips a profile the catalog has under another name (same ARN and source)', async () => {
    await addRole(home, [
      '--label',
      'Ops',
      '--role-arn',
      'arn:aws:iam::222222222222:role/Deploy',
      '--profile',
      'ops',
    ]);
    const json = await importJson();
    expect(json.added.map((role) => role.importedFrom)).not.toContain('ec2');
    expect(json.skipped).toContainEqual({
      profile: 'ec2',
      reason: 'already in your catalog as "Ops" (same role ARN and source)',
      inCatalog: 'Ops',
    });
  });
});
