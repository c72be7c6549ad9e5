import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../electron/core/catalog/catalog-store';
import { CredentialsFile } from '../../electron/core/credentials/credentials-file';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../../electron/core/session/create-session-engine';
import type { SessionManager } from '../../electron/core/session/session-manager';
import { checkInvokeArgs } from '../../electron/main/invoke-arg-checks';
import type { RoleForm } from '../../shared/ipc-contract';
import { putChange } from '../unit/credentials/helpers/credentials-setup';
import { createTempAwsHome, type TempAwsHome } from '../support/temp-aws-home';
import { emitted, runCliRecorded } from './support/emitted';

/**
 * Existing per-rule coverage (cited, not repeated): tests/unit/shared/role-arn,
 * validate-sts, validate-settings; tests/unit/shell/invoke-arg-checks;
 * tests/integration/cli/roles/roles-invalid-input; assume-sts "rejects bad input".
 * Added here: one matrix of hostile values through every entry point, each
 * checked for a one-line error AND every file in the home byte-identical.
 */
const ROLE = 'arn:aws:iam::210987654321:role/deploy';
const USER_CREDENTIALS =
  '# mine\r\n[source]\r\naws_access_key_id = AKIAIOSFODNN7SOURCE1\r\naws_secret_access_key = s3cr3t\r\n';
const USER_CONFIG = '[profile source]\nregion = eu-west-1\n';
const LONG = 'x'.repeat(5000);

const BAD_ARNS = [
  'arn:aws:s3:::my-bucket',
  'arn:aws:iam:::role/no-account',
  'arn:aws:iam::12345678901:role/short-account',
  'arn:aws-mars:iam::123456789012:role/bad-partition',
  'arn:aws:iam::123456789012:user/bob',
  'arn:aws:iam::123456789012:role/',
  'arn:aws:iam::123456789012:role/x\ny',
  `arn:aws:iam::123456789012:role/${'r'.repeat(2100)}`,
  'arn:aws:iam::123456789012:role/ünïcode',
  'not-an-arn',
];
const BAD_PROFILES = ['[evil]', 'a]b', 'a\nb', 'a=b', ' lead', 'trail ', 'a#b', 'a;b', LONG, ''];
const BAD_DURATIONS = ['899', '43201', '-1', '1e3', '3600.5', 'NaN', '0x100', ''];
const BAD_EXTERNAL_IDS = [
  'a',
  'has space',
  'semi;colon',
  'quote"',
  'x'.repeat(1225),
  'ünï',
  'new\nline',
];
const BAD_SESSION_NAMES = ['a', 'has space', 'x'.repeat(65), 'slash/no', 'ünï'];

let home: TempAwsHome;
let engine: SessionManager;
beforeAll(async () => {
  home = createTempAwsHome({ credentials: USER_CREDENTIALS, config: USER_CONFIG });
  const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
  catalog.add({
    label: 'Existing',
    roleArn: ROLE,
    profile: 'existing',
    source: { kind: 'profile', profile: 'source' },
  } as never);
  catalog.close();
  engine = await createSessionEngine({
    kind: 'cli',
    configDir: home.switchyardConfigDir,
    env: home.env,
    secrets: new MemorySecretStore(),
  });
});
afterAll(async () => {
  await engine.stop();
  home.cleanup();
});

/** Every regular file under the home, path → bytes. */
/**
 * Every file under `dir` but Switchyard's speed cache (`.cache/switchyard`: the
 * compiled code of `assume`, written by the first run whatever its arguments).
 */
function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const cache = join(dir, '.cache', 'switchyard');
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (p === cache) continue;
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out.set(p, readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

/** Byte-identical, compared as strings (a deep equality over 10 MB is far too slow). */
function expectSameFiles(after: Map<string, string>, before: Map<string, string>): void {
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [path, bytes] of before) expect(after.get(path) === bytes, path).toBe(true);
}

const counts = { cli: 0, ipc: 0, engine: 0, files: 0 };

function expectOneLine(message: string): void {
  const lines = message.trim().split('\n');
  expect(lines, message).toHaveLength(1);
  expect(lines[0]!.length).toBeLessThan(600); // a 5000-char value is not echoed whole
}

describe('CLI: hostile arguments get exit 2, one line, and change no file', () => {
  const base = ['assume', ROLE, 'p', '--source-profile', 'source'];
  const cases: Array<[string, string[]]> = [
    ...BAD_ARNS.map((a): [string, string[]] => [
      `assume ARN ${JSON.stringify(a.slice(0, 40))}`,
      ['assume', a, 'p'],
    ]),
    ...BAD_PROFILES.map((p): [string, string[]] => [
      `assume profile ${JSON.stringify(p.slice(0, 20))}`,
      ['assume', ROLE, p],
    ]),
    ...BAD_DURATIONS.map((d): [string, string[]] => [
      `--duration ${JSON.stringify(d)}`,
      [...base, '--duration', d],
    ]),
    ...BAD_EXTERNAL_IDS.map((e): [string, string[]] => [
      `--external-id ${JSON.stringify(e.slice(0, 20))}`,
      [...base, '--external-id', e],
    ]),
    ...BAD_SESSION_NAMES.map((s): [string, string[]] => [
      `--session-name ${JSON.stringify(s.slice(0, 20))}`,
      [...base, '--session-name', s],
    ]),
    ['--region bogus', [...base, '--region', 'mars-1']],
    [
      '--mfa-code 12345',
      [...base, '--mfa-serial', 'arn:aws:iam::123456789012:mfa/me', '--mfa-code', '12345'],
    ],
    [
      'roles add label newline',
      [
        'roles',
        'add',
        '--label',
        'a\nb',
        '--role-arn',
        ROLE.replace('deploy', 'n'),
        '--profile',
        'n',
      ],
    ],
    [
      'roles add bad ARN',
      ['roles', 'add', '--label', 'n', '--role-arn', 'arn:aws:s3:::b', '--profile', 'n'],
    ],
    [
      'roles add profile [x]',
      [
        'roles',
        'add',
        '--label',
        'n',
        '--role-arn',
        ROLE.replace('deploy', 'n'),
        '--profile',
        '[x]',
      ],
    ],
    [
      'roles add duration 99999',
      [
        'roles',
        'add',
        '--label',
        'n',
        '--role-arn',
        ROLE.replace('deploy', 'n'),
        '--profile',
        'n',
        '--duration',
        '99999',
      ],
    ],
    ['roles edit bad external id', ['roles', 'edit', 'Existing', '--external-id', 'bad id']],
    ['roles edit long label', ['roles', 'edit', 'Existing', '--label', LONG]],
  ];

  it(`refuses ${cases.length} cases`, async () => {
    const before = filesOf(home.home);
    const failures: string[] = [];
    // Four at a time: each run is a Node process (~120 ms).
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map(async ([name, args]) => {
          const r = await runCliRecorded(args, { env: home.env, cwd: home.home });
          counts.cli++;
          if (
            r.code !== 2 ||
            r.stdout !== '' ||
            r.stderr.trim().split('\n').length !== 1 ||
            r.stderr.length > 700
          ) {
            failures.push(
              `${name}: exit ${r.code}, stderr ${JSON.stringify(r.stderr.slice(0, 200))}`,
            );
          }
        }),
      );
    }
    expect(failures).toEqual([]);
    expectSameFiles(filesOf(home.home), before);
  }, 60_000);

  it('a NUL byte cannot even reach the CLI (the OS refuses it in argv)', async () => {
    await expect(runCliRecorded(['assume', ROLE, 'a\0b'], { env: home.env })).rejects.toThrow(
      /null bytes/,
    );
  });
});

describe('IPC + engine: hostile role forms are refused, the catalog unchanged', () => {
  const good: RoleForm = {
    label: 'New',
    roleArn: 'arn:aws:iam::210987654321:role/new',
    profile: 'new',
    source: { kind: 'profile', profile: 'source' },
  };
  const forms: Array<[string, RoleForm]> = [
    ...BAD_ARNS.map((roleArn): [string, RoleForm] => [
      `roleArn ${roleArn.slice(0, 30)}`,
      { ...good, roleArn },
    ]),
    ...BAD_PROFILES.map((profile): [string, RoleForm] => [
      `profile ${JSON.stringify(profile.slice(0, 20))}`,
      { ...good, profile },
    ]),
    ...[899, 43201, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY].map((d): [string, RoleForm] => [
      `duration ${d}`,
      { ...good, durationSeconds: d },
    ]),
    ...BAD_EXTERNAL_IDS.map((externalId): [string, RoleForm] => [
      `externalId ${JSON.stringify(externalId.slice(0, 20))}`,
      { ...good, externalId },
    ]),
    ...BAD_SESSION_NAMES.map((sessionName): [string, RoleForm] => [
      `sessionName ${JSON.stringify(sessionName.slice(0, 20))}`,
      { ...good, sessionName },
    ]),
    ['label with NUL', { ...good, label: 'a\0b' }],
    ['label newline', { ...good, label: 'a\nb' }],
    ['label very long', { ...good, label: LONG }],
    ['region bogus', { ...good, region: 'mars-1' }],
    ['mfaSerial bad', { ...good, mfaSerial: 'not a serial' }],
    ['source profile [x]', { ...good, source: { kind: 'profile', profile: '[x]' } }],
    ['source role unknown', { ...good, source: { kind: 'role', roleId: 'nope' } }],
    ['source kind bogus', { ...good, source: { kind: 'shell' } as never }],
    ['extra field', { ...good, secretAccessKey: 'planted' } as never],
    [
      'proto pollution',
      JSON.parse(
        '{"__proto__":{"polluted":1},"label":"x","roleArn":"arn:aws:iam::210987654321:role/x","profile":"x","source":{"kind":"profile","profile":"source"}}',
      ),
    ],
  ];

  it(`refuses ${forms.length} forms`, async () => {
    const before = filesOf(home.home);
    const failures: string[] = [];
    for (const [name, form] of forms) {
      let message: string | undefined;
      try {
        const [checked] = checkInvokeArgs('role:add', [form], engine.snapshot());
        counts.ipc++;
        await engine.addRole(checked);
        counts.engine++;
      } catch (error) {
        message = (error as Error).message;
      }
      if (message === undefined) failures.push(`${name}: accepted`);
      else if (message.trim().split('\n').length !== 1 || message.length > 600)
        failures.push(`${name}: ${message.slice(0, 100)}`);
      else if (message.includes('planted')) failures.push(`${name}: echoed a secret`);
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expectSameFiles(filesOf(home.home), before);
    console.log(
      `[reliability] bad input (IPC+engine): ${forms.length} forms refused (${counts.ipc} passed the IPC shape check and were refused by the engine)`,
    );
  });
});

describe('hostile files: clear one-line errors, nothing rewritten', () => {
  const fileCases: Array<[string, () => void, (file: CredentialsFile) => Promise<unknown>]> = [
    [
      'credentials with duplicate sections',
      () => writeFileSync(home.credentialsPath, `${USER_CREDENTIALS}[source]\r\nregion = x\r\n`),
      (f) => f.apply([putChange('p')]),
    ],
    [
      'credentials not UTF-8',
      () =>
        writeFileSync(
          home.credentialsPath,
          Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0xff, 0xfe, 0x0a]),
        ),
      (f) => f.apply([putChange('p')]),
    ],
    [
      'credentials 10 MB',
      () =>
        writeFileSync(
          home.credentialsPath,
          `${USER_CREDENTIALS}# ${'z'.repeat(10 * 1024 * 1024)}\n`,
        ),
      (f) => f.apply([putChange('p')]),
    ],
    [
      'credentials with NUL',
      () => writeFileSync(home.credentialsPath, `${USER_CREDENTIALS}[n]\r\nkey = a\0b\r\n`),
      (f) => f.apply([putChange('p')]),
    ],
    [
      'config not UTF-8',
      () => writeFileSync(home.configPath, Buffer.from([0x5b, 0xc3, 0x28, 0x5d])),
      (f) => f.apply([putChange('p')]),
    ],
  ];

  it.each(fileCases)('%s', async (_name, prepare, act) => {
    writeFileSync(home.credentialsPath, USER_CREDENTIALS);
    writeFileSync(home.configPath, USER_CONFIG);
    prepare();
    const before = filesOf(home.home);
    const file = new CredentialsFile({
      credentialsPath: home.credentialsPath,
      configPath: home.configPath,
    });
    const outcome = await act(file).then(
      (r) => ({ ok: true as const, r }),
      (e: unknown) => ({ ok: false as const, e: e as Error }),
    );
    counts.files++;
    if (outcome.ok) {
      // Accepted (a large file or a value it does not own is fine): only our profile was added.
      const after = readFileSync(home.credentialsPath);
      const userBytes = Buffer.from(before.get(home.credentialsPath)!, 'base64');
      expect(after.subarray(0, userBytes.length).equals(userBytes)).toBe(true);
      console.log(`[reliability] bad file "${_name}": accepted, user bytes kept`);
    } else {
      expectOneLine(outcome.e.message);
      expectSameFiles(filesOf(home.home), before);
      console.log(`[reliability] bad file "${_name}": ${outcome.e.message.slice(0, 160)}`);
    }
    writeFileSync(home.credentialsPath, USER_CREDENTIALS);
    writeFileSync(home.configPath, USER_CONFIG);
  });

  it('hand-broken catalog.json: CLI says where, keeps the file as it was', async () => {
    const catalog = join(home.switchyardConfigDir, 'catalog.json');
    const original = readFileSync(catalog);
    const broken = original.toString('utf8').replace('"roles"', '"roles" ,,');
    writeFileSync(catalog, broken);
    const before = filesOf(home.home);
    for (const args of [
      ['roles', 'list'],
      ['status'],
      ['roles', 'add', '--label', 'n', '--role-arn', ROLE.replace('deploy', 'n'), '--profile', 'n'],
    ]) {
      const r = await runCliRecorded(args, { env: home.env });
      counts.cli++;
      expect(r.code, r.stderr).not.toBe(0);
      expectOneLine(r.stderr);
      expect(r.stderr).toMatch(/catalog/i);
    }
    const after = filesOf(home.home);
    expect(after.get(catalog)).toBe(before.get(catalog));
    writeFileSync(catalog, original);
  });

  it('no secret echoed anywhere', () => {
    for (const text of emitted) expect(text).not.toMatch(/s3cr3t|planted/);
    console.log(`[reliability] bad input totals: ${JSON.stringify(counts)}`);
  });
});
