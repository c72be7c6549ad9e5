import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RoleEntry } from '../../../../shared/model';
import { createTempAwsHome, type TempAwsHome } from '../../../support/temp-aws-home';
import {
  ACCOUNT,
  addRole,
  arn,
  catalogBytes,
  catalogPath,
  expectJson,
  expectOneLineError,
  listRoles,
  switchyard,
} from './roles-cli';

let home: TempAwsHome;
beforeEach(() => {
  home = createTempAwsHome();
});
afterEach(() => home.cleanup());

describe('switchyard roles add / list / edit / remove', () => {
  it('lists nothing, without creating a catalog, when there is none yet', async () => {
    const text = await switchyard(home, ['roles', 'list']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(catalogPath(home));
    expect(expectJson(await switchyard(home, ['roles', 'list', '--json']))).toEqual([]);
    expect(catalogBytes(home)).toBeUndefined();
  });

  it('round-trips a role through add, list, edit and remove', async () => {
    const prod = await addRole(home, [
      '--label',
      'Prod admin',
      '--role-arn',
      arn('ops/Admin'),
      '--profile',
      'prod',
      '--source-profile',
      'login',
      '--external-id',
      'ext-123',
      '--session-name',
      'alice',
      '--duration',
      '7200',
      '--region',
      'eu-west-1',
      '--mfa-serial',
      `arn:aws:iam::${ACCOUNT}:mfa/alice`,
      '--color',
      'Red',
      '--group',
      'Production',
      '--tag',
      'prod',
      '--tag',
      'admin',
    ]);
    expect(prod).toEqual({
      id: expect.stringMatching(/^[a-z0-9]{8}$/),
      label: 'Prod admin',
      roleArn: arn('ops/Admin'),
      profile: 'prod',
      source: { kind: 'profile', profile: 'login' },
      externalId: 'ext-123',
      sessionName: 'alice',
      durationSeconds: 7200,
      region: 'eu-west-1',
      mfaSerial: `arn:aws:iam::${ACCOUNT}:mfa/alice`,
      color: 'f2b0a9',
      group: 'Production',
      tags: ['prod', 'admin'],
    });
    expect(statSync(catalogPath(home)).mode & 0o777).toBe(0o600);

    // Chained by label (any case), stored by id; keys and the default chain as sources.
    const chained = await addRole(home, [
      '--label',
      'Read only',
      '--role-arn',
      arn('ReadOnly', '210987654321'),
      '--profile',
      'ro',
      '--source-role',
      'PROD ADMIN',
    ]);
    expect(chained.source).toEqual({ kind: 'role', roleId: prod.id });
    const ci = await addRole(home, [
      '--label',
      'CI',
      '--role-arn',
      arn('Deploy'),
      '--profile',
      'ci',
      '--source-keys',
      'ci-user',
    ]);
    expect(ci.source).toEqual({ kind: 'keys', name: 'ci-user' });
    const plain = await addRole(home, [
      '--label',
      'Plain',
      '--role-arn',
      arn('Plain'),
      '--profile',
      'plain',
    ]);
    expect(plain.source).toEqual({ kind: 'default' });
    expect(plain.tags).toEqual([]);

    expect(await listRoles(home)).toEqual([prod, chained, ci, plain]);

    const table = await switchyard(home, ['roles', 'list']);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^ID\s+LABEL\s+ACCOUNT\s+ROLE\s+PROFILE\s+SOURCE$/);
    expect(lines[1]?.split(/\s{2,}/)).toEqual([
      prod.id,
      'Prod admin',
      ACCOUNT,
      'ops/Admin',
      'prod',
      'profile:login',
    ]);
    expect(lines[2]?.split(/\s{2,}/)).toEqual([
      chained.id,
      'Read only',
      '210987654321',
      'ReadOnly',
      'ro',
      'role:Prod admin',
    ]);
    expect(lines[3]).toMatch(/keys:ci-user$/);
    expect(lines[4]).toMatch(/default$/);
    // Aligned: every column starts at the same offset on every line.
    const profileColumn = lines[0]?.indexOf('PROFILE');
    for (const line of lines.slice(1)) {
      expect(line.slice(profileColumn).split(/\s+/)[0]).toMatch(/^(prod|ro|ci|plain)$/);
    }

    // Edit by label: set some fields, clear others, replace the tags.
    const edited = expectJson<RoleEntry>(
      await switchyard(home, [
        'roles',
        'edit',
        'prod admin',
        '--label',
        'Production',
        '--duration',
        '3600',
        '--clear',
        'color',
        '--clear',
        'external-id',
        '--clear',
        'mfa-serial',
        '--tag',
        'critical',
        '--json',
      ]),
    );
    expect(edited).toEqual({
      id: prod.id,
      label: 'Production',
      roleArn: prod.roleArn,
      profile: 'prod',
      source: prod.source,
      sessionName: 'alice',
      durationSeconds: 3600,
      region: 'eu-west-1',
      group: 'Production',
      tags: ['critical'],
    });

    // Edit by id: another source, then back to the default chain.
    const moved = expectJson<RoleEntry>(
      await switchyard(home, ['roles', 'edit', ci.id, '--source-profile', 'deployer', '--json']),
    );
    expect(moved.source).toEqual({ kind: 'profile', profile: 'deployer' });
    const reset = expectJson<RoleEntry>(
      await switchyard(home, [
        'roles',
        'edit',
        ci.id,
        '--clear',
        'source',
        '--clear',
        'tags',
        '--json',
      ]),
    );
    expect(reset.source).toEqual({ kind: 'default' });

    const human = await switchyard(home, ['roles', 'edit', 'plain', '--group', 'Misc']);
    expect(human.stderr).toBe('');
    expect(human.stdout).toBe(`updated "Plain" (id ${plain.id})\n`);

    expect(await listRoles(home)).toEqual([edited, chained, reset, { ...plain, group: 'Misc' }]);

    // Remove: the source of a chain only after its dependent.
    expectOneLineError(
      await switchyard(home, ['roles', 'remove', 'Production']),
      2,
      /is the source of "Read only"/,
    );
    expect(expectJson(await switchyard(home, ['roles', 'remove', chained.id, '--json']))).toEqual(
      chained,
    );
    const removed = await switchyard(home, ['roles', 'remove', 'production']);
    expect(removed.stderr).toBe('');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe(`removed "Production" (id ${prod.id})\n`);
    expect((await listRoles(home)).map((role) => role.id)).toEqual([ci.id, plain.id]);
  });

  it('prints a one-line summary for add without --json', async () => {
    const result = await switchyard(home, [
      'roles',
      'add',
      '--label',
      'Dev',
      '--role-arn',
      arn('Dev'),
      '--profile',
      'dev',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^added "Dev" \(id [a-z0-9]{8}\), writing profile dev\n$/);
  });

  it('shows the roles help for --help and `help roles`', async () => {
    for (const args of [
      ['roles', '--help'],
      ['roles', 'add', '--help'],
      ['help', 'roles'],
    ]) {
      const result = await switchyard(home, args);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('switchyard roles import-catalog FILE');
      expect(result.stdout).toContain('--source-role ID|LABEL');
    }
    expect(catalogBytes(home)).toBeUndefined();
  });
});
