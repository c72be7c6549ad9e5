/**
 * `switchyard env` evaluated by the real shells, as users run it:
 * `eval "$(switchyard env …)"` in bash and zsh, `switchyard env … | source` in
 * fish. Each variable must come out byte for byte (secrets with / + =, a label
 * with a quote and a backslash); --unset clears them; the inherited AWS_PROFILE
 * and keys are gone. The session is a live one in the credentials file, so no
 * STS is involved (and the file is not touched).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { cliPath, runCli } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { requireTool } from '../../support/tools';

const LABEL = `O'Neil \\ prod`;
const ROLE_ARN = 'arn:aws:iam::210987654321:role/env-target';
const KEY = 'ASIAENVTESTENVTEST01';
const SECRET = 'ab/cd+ef=gh/ij+kl=mnopqrstuvwxyz0123/+==';
const TOKEN = 'IQoJb3JpZ2luX2Vj/+=token/with+every=sign//++==';
const EXPIRES = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
const USER_FILE = [
  '[source]',
  'aws_access_key_id = AKIAIOSFODNN7ENVSRC1',
  'aws_secret_access_key = longterm/secret+key=longterm/secret+key=',
  '',
  '[env-target]',
  `aws_access_key_id = ${KEY}`,
  `aws_secret_access_key = ${SECRET}`,
  `aws_session_token = ${TOKEN}`,
  'x_switchyard_managed = true',
  `x_switchyard_role_arn = ${ROLE_ARN}`,
  `x_switchyard_expires = ${EXPIRES}`,
  '',
].join('\n');

const VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'SWITCHYARD_ROLE',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SECURITY_TOKEN',
];
const EXPECTED: Record<string, string> = {
  AWS_ACCESS_KEY_ID: KEY,
  AWS_SECRET_ACCESS_KEY: SECRET,
  AWS_SESSION_TOKEN: TOKEN,
  AWS_CREDENTIAL_EXPIRATION: new Date(EXPIRES).toISOString(),
  AWS_REGION: 'ap-southeast-2',
  AWS_DEFAULT_REGION: 'ap-southeast-2',
  SWITCHYARD_ROLE: LABEL,
};

interface ShellCase {
  readonly shell: 'bash' | 'zsh' | 'fish';
  /** Gives the shell the role, the way its users do. */
  readonly apply: (flags: string) => string;
  /** Prints NAME=value\0 for each variable that is set. */
  readonly dump: string;
}

const posixDump = VARIABLES.map(
  (name) => `if [ -n "\${${name}+x}" ]; then printf '%s=%s\\0' ${name} "$${name}"; fi`,
).join('\n');
const CASES: ShellCase[] = [
  { shell: 'bash', apply: (f) => `eval "$("$SY" env "$ROLE" ${f})"`, dump: posixDump },
  { shell: 'zsh', apply: (f) => `eval "$("$SY" env "$ROLE" ${f})"`, dump: posixDump },
  {
    shell: 'fish',
    apply: (f) => `"$SY" env "$ROLE" ${f} | source`,
    dump: VARIABLES.map(
      (name) => `if set -q ${name}; printf '%s=%s\\0' ${name} "$${name}"; end`,
    ).join('\n'),
  },
];

let home: TempAwsHome;
let roleId: string;

beforeEach(() => {
  home = createTempAwsHome({ credentials: USER_FILE });
  const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
  try {
    roleId = catalog.add({
      label: LABEL,
      roleArn: ROLE_ARN,
      profile: 'env-target',
      region: 'ap-southeast-2',
      source: { kind: 'profile', profile: 'source' },
    }).id;
  } finally {
    catalog.close();
  }
});
afterEach(() => home.cleanup());

/** Runs `script` in the shell with the test home and inherited credential variables. */
function inShell(
  shell: string,
  script: string,
  extra: NodeJS.ProcessEnv = {},
): Record<string, string> {
  const result = spawnSync(shell, ['-c', script], {
    env: {
      ...home.env,
      AWS_PROFILE: 'source',
      AWS_DEFAULT_PROFILE: 'source',
      AWS_SECURITY_TOKEN: 'inherited',
      SY: cliPath,
      ROLE: roleId,
      ...extra,
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  // stderr may name a variable, never a secret: safe to show when the shell failed.
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const seen: Record<string, string> = {};
  for (const entry of result.stdout.split('\0').filter(Boolean)) {
    const at = entry.indexOf('=');
    seen[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return seen;
}

describe.each(CASES)('switchyard env in $shell', ({ shell, apply, dump }) => {
  // bash runs the test suite's own scripts: it is always there.
  const tool = shell === 'bash' ? { available: true, skipReason: '' } : requireTool(shell);

  it.skipIf(!tool.available)(`sets every variable byte for byte ${tool.skipReason}`, () => {
    const before = readFileSync(home.credentialsPath);
    const seen = inShell(shell, `${apply(`--shell ${shell}`)}\n${dump}`);
    expect(Object.keys(seen).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const name of Object.keys(EXPECTED)) expect(seen[name] === EXPECTED[name]).toBe(true);
    expect(readFileSync(home.credentialsPath).equals(before)).toBe(true);
  });

  it.skipIf(!tool.available)(`--unset clears them again ${tool.skipReason}`, () => {
    const seen = inShell(
      shell,
      `${apply(`--shell ${shell}`)}\n${apply(`--shell ${shell} --unset`)}\n${dump}`,
    );
    expect(seen).toEqual({});
  });
});

describe('switchyard env without --shell', () => {
  it('follows $SHELL; with a $SHELL it cannot write for, still gives bash lines under bash', () => {
    const fromShellVar = inShell('bash', `${CASES[0]!.apply('')}\n${posixDump}`, {
      SHELL: '/bin/bash',
    });
    expect(fromShellVar.SWITCHYARD_ROLE === LABEL).toBe(true);
    // $SHELL says tcsh (not supported): the parent (bash) or the default decides.
    const fromParent = inShell('bash', `${CASES[0]!.apply('')}\n${posixDump}`, {
      SHELL: '/bin/tcsh',
    });
    expect(fromParent.AWS_SECRET_ACCESS_KEY === SECRET).toBe(true);
  });
});

describe('switchyard env --json', () => {
  it('prints exactly what credential-process prints', async () => {
    const json = await runCli(['env', roleId, '--json'], { env: home.env });
    const process = await runCli(['credential-process', roleId], { env: home.env });
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(json.stdout === process.stdout).toBe(true);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'Version',
      'AccessKeyId',
      'SecretAccessKey',
      'SessionToken',
      'Expiration',
    ]);
    expect(parsed.SecretAccessKey === SECRET).toBe(true);
  });

  it('refuses --json with --shell or --unset in one line', async () => {
    const result = await runCli(['env', roleId, '--json', '--unset'], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
