import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RoleEntry } from '../../../../shared/model';
import { createTempAwsHome, type TempAwsHome } from '../../../support/temp-aws-home';
import {
  addRole,
  arn,
  catalogBytes,
  catalogPath,
  expectOneLineError,
  switchyard,
} from './roles-cli';

const NEW = ['--label', 'New', '--role-arn', arn('New'), '--profile', 'new'];
const TWENTY_ONE_TAGS = Array.from({ length: 21 }, (_, i) => ['--tag', `t${i}`]).flat();

/** Refused before anything is written: [name, args after `roles`, stderr pattern]. */
const REFUSED: [string, string[], RegExp][] = [
  ['no subcommand', [], /roles: missing subcommand; use one of list, add/],
  ['an unknown subcommand', ['rename'], /unknown subcommand "rename"/],
  ['an unknown option', ['add', ...NEW, '--colour', 'red'], /Unknown option '--colour'/],
  ['a stray argument', ['list', 'extra'], /unexpected argument "extra"/],
  ['missing required options', ['add', '--label', 'X'], /missing --role-arn, --profile/],
  [
    'a bad ARN',
    ['add', ...NEW, '--role-arn', 'arn:aws:iam::123:role/x'],
    /--role-arn: account ID "123" is not 12 digits/,
  ],
  [
    'a user ARN',
    ['add', ...NEW, '--role-arn', 'arn:aws:iam::123456789012:user/bob'],
    /--role-arn: /,
  ],
  [
    'a duplicate profile',
    ['add', ...NEW, '--profile', 'a'],
    /profile: "a" is already written by "A" \(id /,
  ],
  [
    'a profile another role reads',
    ['add', ...NEW, '--profile', 'login'],
    /"login" is the source profile of "A"/,
  ],
  [
    'its own profile as source',
    ['add', ...NEW, '--source-profile', 'new'],
    /--source-profile: cannot be the profile this role writes/,
  ],
  [
    'a source profile a role writes',
    ['add', ...NEW, '--source-profile', 'a'],
    /source profile: "a" holds the session of "A"/,
  ],
  [
    'an unknown --source-role',
    ['add', ...NEW, '--source-role', 'nope'],
    /--source-role: no role has the id or label "nope"/,
  ],
  [
    'two sources',
    ['add', ...NEW, '--source-profile', 'x', '--source-keys', 'y'],
    /--source-profile and --source-keys contradict/,
  ],
  [
    'a chaining loop',
    ['edit', 'A', '--source-role', 'B'],
    /source role: chaining makes a loop: "A" → "B" → "A"/,
  ],
  ['chaining from itself', ['edit', 'A', '--source-role', 'a'], /a role cannot chain from itself/],
  [
    'a chained role over 1 hour',
    ['add', ...NEW, '--source-role', 'A', '--duration', '7200'],
    /duration: 7200 seconds is more than 1 hour/,
  ],
  ['a bad colour', ['add', ...NEW, '--color', 'purple'], /--color: "purple" is not a color/],
  ['a short-form colour', ['add', ...NEW, '--color', '#f00'], /--color: "#f00" is the short form/],
  [
    'a repeated tag',
    ['add', ...NEW, '--tag', 'prod', '--tag', 'PROD'],
    /--tag: "PROD" appears twice/,
  ],
  ['an empty tag', ['add', ...NEW, '--tag', ' '], /--tag\[0\]: is empty/],
  ['too many tags', ['add', ...NEW, ...TWENTY_ONE_TAGS], /--tag: has 21 tags; keep at most 20/],
  [
    'a duration with a unit',
    ['add', ...NEW, '--duration', '1h'],
    /--duration: "1h" is not a whole number of seconds/,
  ],
  ['a bad region', ['add', ...NEW, '--region', 'moon-1'], /--region: /],
  ['a bad keychain name', ['add', ...NEW, '--source-keys', 'a b'], /--source-keys: /],
  ['a bad MFA serial', ['add', ...NEW, '--mfa-serial', 'x'], /--mfa-serial: /],
  [
    'a label with a line break',
    ['add', ...NEW, '--label', 'a\nb'],
    /--label: contains a line break/,
  ],
  [
    'editing an unknown role',
    ['edit', 'nope', '--group', 'g'],
    /role: no role has the id or label "nope"/,
  ],
  ['an edit with nothing to change', ['edit', 'A'], /nothing to change/],
  [
    'clearing a required field',
    ['edit', 'A', '--clear', 'label'],
    /--clear: "label" is not an optional field/,
  ],
  [
    'clearing and setting a field',
    ['edit', 'A', '--clear', 'color', '--color', 'red'],
    /--clear color and --color contradict/,
  ],
  [
    'removing a role others chain from',
    ['remove', 'A'],
    /"A" \(id [a-z0-9]+\) is the source of "B"/,
  ],
  ['removing an unknown role', ['remove', 'nope'], /no role has the id or label "nope"/],
  ['an export without a file', ['export'], /missing <file>/],
  [
    'a catalog import that is not one',
    ['import-catalog', '.config/switchyard/catalog.json'],
    /catalog file .*: is not a Switchyard catalog export/,
  ],
];

describe('switchyard roles: invalid input', () => {
  let home: TempAwsHome;
  let roleA: RoleEntry;
  beforeAll(async () => {
    home = createTempAwsHome();
    roleA = await addRole(home, [
      '--label',
      'A',
      '--role-arn',
      arn('A'),
      '--profile',
      'a',
      '--source-profile',
      'login',
    ]);
    await addRole(home, [
      '--label',
      'B',
      '--role-arn',
      arn('B'),
      '--profile',
      'b',
      '--source-role',
      roleA.id,
    ]);
  });
  afterAll(() => home.cleanup());

  it.each(REFUSED)(
    'refuses %s: exit 2, one line, the catalog unchanged',
    async (_name, args, message) => {
      const before = catalogBytes(home);
      const result = await switchyard(home, ['roles', ...args]);
      expectOneLineError(result, 2, message);
      expect(catalogBytes(home)).toEqual(before);
    },
  );
});

describe('switchyard roles: invalid input with no catalog yet', () => {
  let home: TempAwsHome;
  beforeAll(() => {
    home = createTempAwsHome();
    writeFileSync(`${home.home}/not-an-export.json`, '{"roles": []}\n');
  });
  afterAll(() => home.cleanup());

  it.each([
    ['a bad ARN', ['add', ...NEW, '--role-arn', 'arn:aws:iam::123456789012:role/'], /--role-arn: /],
    [
      'an unknown --source-role',
      ['add', ...NEW, '--source-role', 'A'],
      /--source-role: no role has the id or label "A"; the catalog is empty/,
    ],
    ['editing', ['edit', 'A', '--group', 'g'], /the catalog is empty/],
    ['removing', ['remove', 'A'], /the catalog is empty/],
    [
      'a bad catalog file',
      ['import-catalog', 'not-an-export.json'],
      /is not a Switchyard catalog export/,
    ],
  ])('refuses %s and creates no catalog file', async (_name, args, message) => {
    const result = await switchyard(home, ['roles', ...args]);
    expectOneLineError(result, 2, message);
    expect(catalogBytes(home)).toBeUndefined();
  });
});

describe('switchyard roles: a hand-broken catalog.json', () => {
  let home: TempAwsHome;
  const broken = '{\n  "version": 1,\n  "roles": [\n    {"id": "x", \n';
  beforeAll(() => {
    home = createTempAwsHome({
      config: `[profile prod]\nrole_arn = ${arn('Prod')}\nsource_profile = login\n`,
    });
    writeFileSync(catalogPath(home), broken, { mode: 0o600 });
    writeFileSync(
      `${home.home}/team.json`,
      `${JSON.stringify({ format: 'switchyard-catalog', version: 1, roles: [] })}\n`,
    );
  });
  afterAll(() => home.cleanup());

  it.each([
    ['list', ['list']],
    ['list --json', ['list', '--json']],
    ['add', ['add', ...NEW]],
    ['edit', ['edit', 'x', '--group', 'g']],
    ['remove', ['remove', 'x']],
    ['import', ['import']],
    ['import --dry-run', ['import', '--dry-run']],
    ['export', ['export', 'out.json']],
    ['import-catalog', ['import-catalog', 'team.json']],
  ])('%s: exit 1 naming the file, which stays byte-identical', async (_name, args) => {
    const result = await switchyard(home, ['roles', ...args]);
    expectOneLineError(result, 1);
    expect(result.stderr).toContain(`Switchyard's catalog ${catalogPath(home)} is not valid JSON`);
    expect(result.stderr).toMatch(/line \d+, column \d+/);
    expect(result.stderr).toContain('Fix it in a text editor');
    expect(catalogBytes(home)?.toString('utf8')).toBe(broken);
  });
});
