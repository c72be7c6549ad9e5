import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDaemon, stopDaemon } from '../../support/daemon';
import { SOURCE_KEY, SOURCE_SECRET, useSourceRoleHome } from '../../support/source-role-home';

const world = useSourceRoleHome();
const { cli } = world;

interface Line {
  readonly time: string;
  readonly event: string;
  readonly outcome: string;
  readonly by: string;
  readonly [field: string]: string | undefined;
}

async function trail(...args: string[]): Promise<Line[]> {
  const result = await cli(['audit', '--json', ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
}

/** Every byte the audit folder holds. */
function auditText(): string {
  const folder = join(world.home.switchyardConfigDir, 'audit');
  return readdirSync(folder)
    .map((name) => readFileSync(join(folder, name), 'utf8'))
    .join('');
}

/** The session keys a profile holds in the test's credentials file. */
function keysOf(profile: string): string[] {
  const text = world.home.readCredentials();
  const section = text.split(`[${profile}]`)[1]?.split('\n[')[0] ?? '';
  const secret = /^(aws_access_key_id|aws_secret_access_key|aws_session_token) = (.+)$/gm;
  return [...section.matchAll(secret)].map((m) => m[2]!.trim());
}

describe('the audit trail, from the real commands', () => {
  it('records assume, refresh, credential-process and failures, with who asked, and never a secret', async () => {
    expect((await cli(['activate', world.roleId])).code).toBe(0);
    const issued = keysOf('dev');
    expect(issued).toHaveLength(3);
    expect((await cli(['refresh', world.roleId])).code).toBe(0);
    issued.push(...keysOf('dev'));
    const processOut = await cli(['credential-process', world.roleId]);
    expect(processOut.code).toBe(0);
    const printed = JSON.parse(processOut.stdout) as Record<string, string>;
    world.sts.setDefaultFault({ kind: 'error', code: 'AccessDenied', status: 403, message: 'no' });
    try {
      expect((await cli(['refresh', world.roleId])).code).toBe(1);
    } finally {
      world.sts.setDefaultFault(null);
    }

    const lines = await trail();
    expect(lines.map((l) => [l.event, l.outcome, l.by])).toEqual([
      ['assume', 'ok', 'cli:activate'],
      ['refresh', 'ok', 'cli:refresh'],
      ['credential-process', 'ok', 'cli:credential-process'],
      ['failure', 'error', 'cli:refresh'],
    ]);
    expect(lines[0]).toMatchObject({
      roleId: world.roleId,
      label: 'Dev admin',
      roleArn: 'arn:aws:iam::210987654321:role/dev-admin',
      profile: 'dev',
      source: 'profile:source',
    });
    expect(lines[0]!.sessionName).toMatch(/^switchyard-/);
    expect(Date.parse(lines[0]!.expiresAt!)).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(lines[3]!.errorCode).toBe('AccessDenied');

    const text = auditText();
    const secrets = [
      SOURCE_KEY,
      SOURCE_SECRET,
      ...issued,
      printed.AccessKeyId!,
      printed.SecretAccessKey!,
      printed.SessionToken!,
    ];
    for (const secret of secrets) expect(text.includes(secret)).toBe(false);
  });

  it('records console links, exec and env with the command that asked', async () => {
    expect((await cli(['activate', world.roleId])).code).toBe(0);
    expect((await cli(['console', world.roleId, '--print'])).code).toBe(0);
    expect((await cli(['exec', world.roleId, '--no-endpoint', '--', 'true'])).code).toBe(0);
    expect((await cli(['env', world.roleId, '--shell', 'bash'])).code).toBe(0);
    const lines = await trail();
    expect(lines.map((l) => [l.event, l.outcome, l.by])).toEqual([
      ['assume', 'ok', 'cli:activate'],
      ['console-link', 'ok', 'cli:console'],
      ['exec', 'ok', 'cli:exec'],
      ['env', 'ok', 'cli:env'],
    ]);
    for (const line of lines.slice(1)) expect(line.roleId).toBe(world.roleId);
    const keys = keysOf('dev');
    const text = auditText();
    for (const secret of keys) expect(text.includes(secret)).toBe(false);
  });

  it('says the daemon assumed a role another process asked for', async () => {
    const daemon = startDaemon(world.home.env);
    try {
      await daemon.waitFor(/refreshing 0 active role/);
      expect((await cli(['activate', world.roleId])).code).toBe(0);
      const lines = await trail('--event', 'assume');
      expect(lines.map((l) => l.by)).toEqual(['daemon']);
    } finally {
      await stopDaemon(daemon);
    }
  });

  it('filters, prints a table, exports CSV and JSON lines, and refuses bad input in one line', async () => {
    expect((await cli(['activate', world.roleId])).code).toBe(0);
    const ops = world.addRole('Ops', 'ops', 'ops');
    expect((await cli(['activate', ops])).code).toBe(0);

    expect((await trail('--role', 'Ops')).map((l) => l.label)).toEqual(['Ops']);
    expect((await trail('--role', 'dev-admin')).map((l) => l.label)).toEqual(['Dev admin']);
    expect(await trail('--since', '2099-01-01')).toEqual([]);
    expect(await trail('--event', 'exec')).toEqual([]);

    const table = await cli(['audit']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^TIME +EVENT +OUTCOME +ROLE +PROFILE +BY +DETAIL\n/);
    expect(table.stdout).toMatch(/assume +ok +Ops +ops +cli:activate +until /);

    const csvPath = join(world.home.home, 'trail.csv');
    const csv = await cli(['audit', 'export', csvPath]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/exported 2 audit records to /);
    const rows = readFileSync(csvPath, 'utf8').split('\r\n');
    expect(rows[0]).toBe(
      'time,event,outcome,by,label,roleArn,profile,source,sessionName,expiresAt,errorCode,roleId',
    );
    expect(rows).toHaveLength(4); // header, two records, the empty tail
    const again = await cli(['audit', 'export', csvPath]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; pass --force/);

    const jsonPath = join(world.home.home, 'trail.jsonl');
    expect((await cli(['audit', 'export', jsonPath, '--role', 'Ops'])).code).toBe(0);
    const exported = readFileSync(jsonPath, 'utf8').trim().split('\n');
    expect(exported.map((l) => (JSON.parse(l) as Line).label)).toEqual(['Ops']);

    for (const [args, message] of [
      [['audit', '--since', 'yesterday'], /--since takes a span such as 24h/],
      [['audit', '--event', 'steal'], /unknown audit event "steal"; use one of assume/],
      [['audit', 'export', join(world.home.home, 'x.txt')], /name the file \*\.csv or \*\.jsonl/],
      [['audit', 'extra'], /unexpected argument "extra"/],
    ] as const) {
      const bad = await cli([...args]);
      expect(bad.code).toBe(2);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(bad.stderr).toMatch(message);
    }
  });

  it('tells about lines that are not records and shows the rest', async () => {
    expect((await cli(['activate', world.roleId])).code).toBe(0);
    const folder = join(world.home.switchyardConfigDir, 'audit');
    const [file] = readdirSync(folder);
    writeFileSync(
      join(folder, file!),
      `${readFileSync(join(folder, file!), 'utf8')}{"time":"2026-`,
    );
    const result = await cli(['audit', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/1 line\(s\) of the audit trail are not records/);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });
});
