import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { InputError } from '../../../shared/input-error';
import { addSsoSession } from '../../../electron/core/sso/add-sso-session';
import { parseSsoConfig } from '../../../electron/core/sso/sso-config';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const URL_A = 'https://d-1234567890.awsapps.com/start';
const CORP = { name: 'corp', startUrl: URL_A, region: 'eu-west-1' };
const SECTION = [
  '[sso-session corp]',
  `sso_start_url = ${URL_A}`,
  'sso_region = eu-west-1',
  'sso_registration_scopes = sso:account:access',
];

/** Comments, odd spacing, tabs, a continuation line, a BOM, CRLF, and no final line break. */
const MESSY =
  '\uFEFF# managed by hand\r\n' +
  '[default]\r\n' +
  'region=eu-west-1   ; trailing comment\r\n' +
  '  \r\n' +
  '[ profile  dev ]\r\n' +
  '\tregion : us-east-1\r\n' +
  's3 =\r\n' +
  '    max_concurrent_requests = 20\r\n' +
  '\r\n' +
  ';[profile commented-out]\r\n' +
  '[sso-session other]\r\n' +
  `sso_start_url = ${URL_A}/other\r\n` +
  'sso_region = us-east-2\r\n' +
  '# last line, no line break';

let aws: TempAwsHome;
beforeEach(() => {
  aws = createTempAwsHome();
});
afterEach(() => aws.cleanup());

function writeConfig(content: string | Buffer): void {
  writeFileSync(aws.configPath, content, { mode: 0o600 });
  // Written a while ago: a file (an empty one above all) written just now is read as
  // one an in-place writer may still be writing, and waited on (stable-read.ts).
  const past = new Date(Date.now() - 10_000);
  utimesSync(aws.configPath, past, past);
}

function leftovers(): string[] {
  return readdirSync(dirname(aws.configPath)).filter((name) => name !== 'config');
}

describe('addSsoSession', () => {
  it('appends the section and keeps every byte that was there', async () => {
    writeConfig(MESSY);
    const before = readFileSync(aws.configPath);
    expect(await addSsoSession(aws.configPath, CORP)).toBe(true);
    const after = readFileSync(aws.configPath);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    // The file's own line ending (CRLF), after a line break and a blank line.
    expect(after.subarray(before.length).toString('utf8')).toBe(
      `\r\n\r\n${SECTION.join('\r\n')}\r\n`,
    );
    const config = parseSsoConfig(after.toString('utf8'));
    expect(config.sessions.map((s) => s.name)).toEqual(['other', 'corp']);
    expect(config.problems).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it.each([
    ['an empty file', '', `${SECTION.join('\n')}\n`],
    ['a file ending in a line break', '[default]\nregion = x\n', `\n${SECTION.join('\n')}\n`],
    ['a file ending in a blank line', '[default]\n\n', `${SECTION.join('\n')}\n`],
    ['a file without a final line break', '[default]', `\n\n${SECTION.join('\n')}\n`],
  ])('separates the section from %s by one blank line', async (_, content, added) => {
    writeConfig(content);
    await addSsoSession(aws.configPath, CORP);
    expect(readFileSync(aws.configPath, 'utf8')).toBe(`${content}${added}`);
  });

  it('creates the file 0600, and its folder, when missing', async () => {
    const path = join(aws.home, 'new-folder', 'config');
    expect(await addSsoSession(path, { ...CORP, scopes: ['sso:account:access', 'x:y'] })).toBe(
      true,
    );
    expect(readFileSync(path, 'utf8')).toBe(
      `${SECTION.slice(0, 3).join('\n')}\nsso_registration_scopes = sso:account:access,x:y\n`,
    );
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
  });

  it('keeps the mode of an existing file', async () => {
    writeConfig('[default]\n');
    chmodSync(aws.configPath, 0o644);
    await addSsoSession(aws.configPath, CORP);
    expect(statSync(aws.configPath).mode & 0o777).toBe(0o644);
  });

  it('writes the start URL normalised (no #/)', async () => {
    await addSsoSession(aws.configPath, {
      ...CORP,
      startUrl: 'https://D-1234567890.awsapps.com/start#/',
    });
    expect(readFileSync(aws.configPath, 'utf8')).toContain(`sso_start_url = ${URL_A}\n`);
  });

  it('changes nothing when the session is there with the same start URL and region', async () => {
    writeConfig(`[sso-session corp]\nsso_start_url = ${URL_A}/#/\nsso_region = eu-west-1\n`);
    const before = statSync(aws.configPath, { bigint: true });
    expect(await addSsoSession(aws.configPath, CORP)).toBe(false);
    const after = statSync(aws.configPath, { bigint: true });
    expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs]);
  });

  it.each([
    [
      'another start URL',
      `sso_start_url = ${URL_A}/x\nsso_region = eu-west-1\n`,
      `start URL ${URL_A}/x`,
    ],
    ['another region', `sso_start_url = ${URL_A}\nsso_region = us-east-1\n`, 'region us-east-1'],
  ])(
    'refuses a session of that name with %s in one line, changing nothing',
    async (_, body, what) => {
      const content = `[sso-session corp]\n${body}`;
      writeConfig(content);
      const error = (await addSsoSession(aws.configPath, CORP).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        `session name: [sso-session corp] already exists with ${what}; choose another --session-name, or edit or remove that section of ${aws.configPath}`,
      );
      expect(readFileSync(aws.configPath, 'utf8')).toBe(content);
    },
  );

  it('refuses a session of that name the AWS tools cannot use', async () => {
    const content = `[sso-session corp]\nsso_region = eu-west-1\n[sso-session corp]\nsso_start_url = ${URL_A}\n`;
    writeConfig(content);
    await expect(addSsoSession(aws.configPath, CORP)).rejects.toThrow(
      /already exists but is not usable \(it is defined 2 times/,
    );
    expect(readFileSync(aws.configPath, 'utf8')).toBe(content);
  });

  it.each([
    [{ ...CORP, startUrl: 'http://x.awsapps.com/start' }, 'start URL: uses http, not https'],
    [{ ...CORP, region: 'eu west 1' }, 'SSO region: contains a space'],
    [{ ...CORP, name: 'my session' }, 'session name: "my session" contains a space'],
    [{ ...CORP, scopes: ['a b'] }, 'scopes: contain an empty scope'],
    [{ ...CORP, scopes: [] }, 'scopes: are empty'],
  ])('refuses bad input before touching the file: %j', async (input, message) => {
    await expect(addSsoSession(aws.configPath, input)).rejects.toThrow(message);
    expect(existsSync(aws.configPath)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a read-only file in one line, changing nothing', async () => {
    writeConfig(MESSY);
    chmodSync(aws.configPath, 0o444);
    const error = (await addSsoSession(aws.configPath, CORP).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `${aws.configPath} is read-only (mode 0444); make it writable (chmod u+w ${aws.configPath}) to let Switchyard update it; nothing was changed`,
    );
    expect(readFileSync(aws.configPath, 'utf8')).toBe(MESSY);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a FIFO in one line without waiting on it', async () => {
    execFileSync('mkfifo', ['-m', '0600', aws.configPath]);
    await expect(addSsoSession(aws.configPath, CORP)).rejects.toThrow(
      /named pipe \(FIFO\), not a regular file/,
    );
    expect(lstatSync(aws.configPath).isFIFO()).toBe(true);
  });

  it('refuses a file that is not UTF-8, changing nothing', async () => {
    const latin1 = Buffer.from('[default]\n# caf\xe9\n', 'latin1');
    writeConfig(latin1);
    await expect(addSsoSession(aws.configPath, CORP)).rejects.toThrow(
      /not valid UTF-8 text \(line 2\)/,
    );
    expect(readFileSync(aws.configPath).equals(latin1)).toBe(true);
  });

  it('updates the target of a symlinked config and keeps the link', async () => {
    const target = join(aws.home, 'dotfiles-config');
    writeFileSync(target, '[default]\n', { mode: 0o600 });
    symlinkSync(target, aws.configPath);
    await addSsoSession(aws.configPath, CORP);
    expect(lstatSync(aws.configPath).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toContain('[sso-session corp]');
  });

  it('adds two sessions at once without losing either (the lock)', async () => {
    writeConfig('[default]\n');
    const names = ['a', 'b', 'c', 'd'];
    await Promise.all(names.map((name) => addSsoSession(aws.configPath, { ...CORP, name })));
    const sessions = parseSsoConfig(readFileSync(aws.configPath, 'utf8')).sessions;
    expect(sessions.map((s) => s.name).sort()).toEqual(names);
  });
});
