import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

interface CatalogImportJson {
  file: string;
  catalogFile: string;
  dryRun: boolean;
  added: RoleEntry[];
  updated: RoleEntry[];
  skipped: { id: string; label: string; reason: string }[];
}

let mine: TempAwsHome;
let theirs: TempAwsHome;
let exported: RoleEntry[];
let file: string;

beforeEach(async () => {
  mine = createTempAwsHome({
    config: `[profile imported]\nrole_arn = ${arn('Imported')}\nsource_profile = login\n`,
  });
  theirs = createTempAwsHome();
  const prod = await addRole(mine, [
    '--label',
    'Prod',
    '--role-arn',
    arn('Admin'),
    '--profile',
    'prod',
    '--source-keys',
    'ci-user',
    '--color',
    'blue',
    '--tag',
    'prod',
  ]);
  await addRole(mine, [
    '--label',
    'Prod read-only',
    '--role-arn',
    arn('ReadOnly'),
    '--profile',
    'prod-ro',
    '--source-role',
    prod.id,
  ]);
  expectJson(await switchyard(mine, ['roles', 'import', '--json']));
  exported = (await listRoles(mine)).map(({ importedFrom: _drop, ...role }) => role);
  file = join(mine.home, 'team.json');
});
afterEach(() => {
  mine.cleanup();
  theirs.cleanup();
});

describe('switchyard roles export / import-catalog', () => {
  it('exports a team file (0600, no import links) that another home imports to the same roles', async () => {
    const result = await switchyard(mine, ['roles', 'export', 'team.json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`exported 3 roles to ${file}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { format: string; roles: unknown[] };
    expect(parsed.format).toBe('switchyard-catalog');
    expect(parsed.roles).toEqual(exported);

    const dry = expectJson<CatalogImportJson>(
      await switchyard(theirs, ['roles', 'import-catalog', file, '--dry-run', '--json']),
    );
    expect(dry.dryRun).toBe(true);
    expect(dry.added).toEqual(exported);
    expect(catalogBytes(theirs)).toBeUndefined();

    const text = await switchyard(theirs, ['roles', 'import-catalog', file]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^add\s+"Prod" \(id [a-z0-9]+\)\s+→ profile prod$/m);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(
      `3 added, 0 updated, 0 unchanged (catalog: ${theirs.switchyardConfigDir}/catalog.json)`,
    );
    expect(await listRoles(theirs)).toEqual(exported);

    // Importing the same file again changes nothing.
    const bytes = catalogBytes(theirs);
    const again = expectJson<CatalogImportJson>(
      await switchyard(theirs, ['roles', 'import-catalog', file, '--json']),
    );
    expect(again.added).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.skipped.map((skip) => skip.reason)).toEqual(
      Array(3).fill('already in the catalog, unchanged'),
    );
    expect(catalogBytes(theirs)).toEqual(bytes);
  });

  it('updates known roles by id and keeps the local ones', async () => {
    expect((await switchyard(mine, ['roles', 'export', file])).code).toBe(0);
    await switchyard(theirs, ['roles', 'import-catalog', file]);
    const local = await addRole(theirs, [
      '--label',
      'Local',
      '--role-arn',
      arn('Local'),
      '--profile',
      'local',
    ]);
    expectJson(await switchyard(mine, ['roles', 'edit', 'Prod', '--color', 'green', '--json']));
    expect((await switchyard(mine, ['roles', 'export', file, '--force'])).code).toBe(0);

    const report = expectJson<CatalogImportJson>(
      await switchyard(theirs, ['roles', 'import-catalog', file, '--json']),
    );
    expect(report.updated.map((role) => role.label)).toEqual(['Prod']);
    const roles = await listRoles(theirs);
    expect(roles.find((role) => role.label === 'Prod')?.color).toBe('b7ca9d');
    expect(roles).toContainEqual(local);
  });

  it('refuses to overwrite an existing file unless --force', async () => {
    writeFileSync(file, 'keep me\n');
    expectOneLineError(
      await switchyard(mine, ['roles', 'export', file]),
      1,
      /team\.json already exists; pass --force to replace it/,
    );
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    const forced = await switchyard(mine, ['roles', 'export', file, '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ roles: exported });
  });

  it('refuses a catalog file with a broken role, naming it, and imports nothing', async () => {
    expect((await switchyard(mine, ['roles', 'export', file])).code).toBe(0);
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { roles: Record<string, unknown>[] };
    parsed.roles[1] = { ...parsed.roles[1], roleArn: 'arn:aws:iam::1:role/x' };
    writeFileSync(file, JSON.stringify(parsed));
    expectOneLineError(
      await switchyard(theirs, ['roles', 'import-catalog', file]),
      2,
      /catalog file .*team\.json: roles\[1\] \("Prod read-only"\): role ARN: /,
    );
    expect(catalogBytes(theirs)).toBeUndefined();
  });

  it('refuses a missing file (exit 1)', async () => {
    expectOneLineError(
      await switchyard(theirs, ['roles', 'import-catalog', 'nope.json']),
      1,
      /nope\.json does not exist/,
    );
  });
});
