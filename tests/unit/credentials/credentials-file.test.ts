import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CredentialsFile,
  CredentialsFileError,
  resolveCredentialsPaths,
} from '../../../electron/core/credentials/credentials-file';
import { parseIni } from '../../../electron/core/credentials/ini-document';
import {
  EXPIRES_AT,
  managedLines,
  managedSection,
  putChange,
  ROLE_ARN,
  setupFiles,
} from './helpers/credentials-setup';
import { readFixture, textFixtures, useTempDirs } from './helpers/temp-dirs';

const tempDir = useTempDirs();

/** How many of this process's file descriptors point at `path` (Linux: /proc/self/fd). */
async function openFdsOn(path: string): Promise<number> {
  const fds = await readdir('/proc/self/fd');
  const targets = await Promise.all(
    fds.map((fd) => readlink(join('/proc/self/fd', fd)).catch(() => '')),
  );
  return targets.filter((t) => t === path).length;
}

describe('CredentialsFile.apply: writing', () => {
  it('creates ~/.aws/credentials (0600) in a new 0700 folder with exactly the managed section', async () => {
    const home = await tempDir();
    const paths = resolveCredentialsPaths({ HOME: home });
    const result = await new CredentialsFile(paths).apply([putChange('prod-admin', 'a')]);
    expect(result).toEqual({ written: true, applied: ['prod-admin'], rejected: [] });
    expect((await stat(join(home, '.aws'))).mode & 0o777).toBe(0o700);
    expect((await stat(paths.credentialsPath)).mode & 0o777).toBe(0o600);
    expect(await readFile(paths.credentialsPath, 'utf8')).toBe(managedSection('prod-admin', 'a'));
    // No lock file, no temp file, and the config file was never created.
    expect(await readdir(join(home, '.aws'))).toEqual(['credentials']);
  });

  it('updates a managed profile in place, keeping comments, extra keys and other profiles', async () => {
    const input = [
      '# my work accounts',
      '[prod-admin]',
      'aws_access_key_id = ASIAOLD',
      'aws_secret_access_key=oldsecret',
      'aws_session_token = oldtoken',
      'aws_security_token = oldtoken',
      'x_switchyard_expires = 2026-01-01T00:00:00Z',
      `x_switchyard_role_arn = ${ROLE_ARN}`,
      'x_switchyard_managed = true',
      'region = eu-west-1',
      '',
      '# personal',
      '[personal]',
      'aws_access_key_id = AKIAPERSONAL',
      'aws_secret_access_key = personalsecret',
    ].join('\n');
    const setup = await setupFiles(await tempDir(), { credentials: input });
    const result = await setup.file.apply([putChange('prod-admin', 'b')]);
    expect(result).toEqual({ written: true, applied: ['prod-admin'], rejected: [] });
    const [id, secret, token] = managedLines('b');
    expect(await setup.read()).toBe(
      [
        '# my work accounts',
        '[prod-admin]',
        id,
        (secret as string).replace(' = ', '='),
        token,
        'x_switchyard_expires = 2026-11-22T12:34:56Z',
        `x_switchyard_role_arn = ${ROLE_ARN}`,
        'x_switchyard_managed = true',
        'region = eu-west-1',
        '',
        '# personal',
        '[personal]',
        'aws_access_key_id = AKIAPERSONAL',
        'aws_secret_access_key = personalsecret',
      ].join('\n'),
    );
  });

  it('takes over an unmanaged profile holding temporary keys, keeping CRLF', async () => {
    const input = (await readFixture('crlf.ini')).toString();
    const setup = await setupFiles(await tempDir(), { credentials: input });
    const result = await setup.file.apply([putChange('dev', 'c')]);
    expect(result.applied).toEqual(['dev']);
    const [id, secret, token, ...markers] = managedLines('c');
    expect(await setup.read()).toBe(
      [
        '[default]',
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        '',
        '[dev]',
        id,
        secret,
        token,
        ...markers,
        '',
      ].join('\r\n'),
    );
  });

  it('takes over a profile whose token is the legacy aws_security_token, and drops that key', async () => {
    const setup = await setupFiles(await tempDir(), {
      credentials: await readFixture('upper-case-keys.ini'),
    });
    await setup.file.apply([putChange('legacy', 'd')]);
    const [id, secret, ...rest] = managedLines('d');
    expect(await setup.read()).toBe(
      [
        '[legacy]',
        (id as string).replace('aws_access_key_id', 'AWS_Access_Key_ID'),
        (secret as string).replace('aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY'),
        ...rest,
        '',
      ].join('\n'),
    );
  });

  it('appends with CRLF to a CRLF file, and keeps a BOM', async () => {
    const crlf = (await readFixture('crlf.ini')).toString();
    const a = await setupFiles(await tempDir(), { credentials: crlf });
    await a.file.apply([putChange('new-one', 'e')]);
    expect(await a.read()).toBe(`${crlf}\r\n${managedSection('new-one', 'e', '\r\n')}`);

    const bom = await readFixture('bom.ini');
    const b = await setupFiles(await tempDir(), { credentials: bom });
    await b.file.apply([putChange('new-one', 'e')]);
    const written = await b.bytes();
    expect([...written.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(written.toString()).toBe(`${bom.toString()}\n${managedSection('new-one', 'e')}`);
  });

  it('adds a final newline before appending to a file that lacked one', async () => {
    const input = (await readFixture('no-final-newline.ini')).toString();
    const setup = await setupFiles(await tempDir(), { credentials: input });
    await setup.file.apply([putChange('p', 'f')]);
    expect(await setup.read()).toBe(`${input}\n\n${managedSection('p', 'f')}`);
  });

  it('puts into and removes from every corpus file without touching its other bytes', async () => {
    for (const [name, input] of await textFixtures()) {
      const setup = await setupFiles(await tempDir(), { credentials: input });
      const put = await setup.file.apply([putChange('switchyard-corpus', 'g')]);
      expect(put.written, name).toBe(true);
      const afterPut = await setup.read();
      const lastLine = parseIni(input).lines.at(-1);
      // Only appended: at most a newline for the old last line, a blank line, the section.
      expect(afterPut.startsWith(input), name).toBe(true);
      expect(afterPut.slice(input.length), name).toMatch(/^(\r?\n){0,2}\[switchyard-corpus\]\r?\n/);
      expect(
        afterPut.endsWith(managedLines('g').at(-1) + (afterPut.endsWith('\r\n') ? '\r\n' : '\n')),
      ).toBe(true);
      expect(await setup.file.listManaged(), name).toEqual([
        {
          profile: 'switchyard-corpus',
          roleArn: ROLE_ARN,
          expiresAt: Date.UTC(2026, 10, 22, 12, 34, 56),
        },
      ]);

      const removed = await setup.file.apply([{ type: 'remove', profile: 'switchyard-corpus' }]);
      expect(removed, name).toEqual({
        written: true,
        applied: ['switchyard-corpus'],
        rejected: [],
      });
      // Put then remove gives the file back, unless it ended without a newline or with blank lines.
      if (lastLine && lastLine.eol !== '' && lastLine.kind !== 'blank') {
        expect(await setup.read(), name).toBe(input);
      }
    }
  });

  it('writes a whole batch with one rename', async () => {
    let renames = 0;
    const input = `${managedSection('old', 'x')}\n[keep]\nregion = us-east-1\n`;
    const setup = await setupFiles(
      await tempDir(),
      { credentials: input },
      { beforeRename: async () => void renames++ },
    );
    const result = await setup.file.apply([
      putChange('one', 'h1'),
      putChange('two', 'h2'),
      { type: 'remove', profile: 'old' },
      putChange('keep', 'h3'),
    ]);
    expect(result).toEqual({ written: true, applied: ['one', 'two', 'old', 'keep'], rejected: [] });
    expect(renames).toBe(1);
    expect(await setup.read()).toBe(
      [
        '[keep]',
        'region = us-east-1',
        ...managedLines('h3'),
        '',
        '[one]',
        ...managedLines('h1'),
        '',
        '[two]',
        ...managedLines('h2'),
        '',
      ].join('\n'),
    );
  });

  it('removes a managed profile and the blank line that separated it', async () => {
    const input = `[a]\nregion = x\n\n${managedSection('gone', 'i')}\n[b]\nregion = y\n`;
    const setup = await setupFiles(await tempDir(), { credentials: input });
    expect(await setup.file.apply([{ type: 'remove', profile: 'gone' }])).toEqual({
      written: true,
      applied: ['gone'],
      rejected: [],
    });
    expect(await setup.read()).toBe('[a]\nregion = x\n\n[b]\nregion = y\n');
  });

  it('does not write at all when nothing changes', async () => {
    const setup = await setupFiles(await tempDir(), { credentials: managedSection('p', 'j') });
    const inode = await setup.inode();
    expect(await setup.file.apply([{ type: 'remove', profile: 'missing' }])).toEqual({
      written: false,
      applied: ['missing'],
      rejected: [],
    });
    // Same credentials again: same bytes, so no rewrite.
    expect((await setup.file.apply([putChange('p', 'j')])).written).toBe(false);
    expect(await setup.inode()).toBe(inode);
    expect(await setup.file.apply([])).toEqual({ written: false, applied: [], rejected: [] });
  });

  it('does not create a missing file for a no-op', async () => {
    const setup = await setupFiles(await tempDir());
    expect((await setup.file.apply([{ type: 'remove', profile: 'x' }])).written).toBe(false);
    expect(await readdir(setup.dir)).toEqual([]);
  });

  it('writes the expiry as UTC seconds without milliseconds', async () => {
    const setup = await setupFiles(await tempDir());
    await setup.file.apply([putChange('p')]);
    expect(await setup.read()).toContain('\nx_switchyard_expires = 2026-11-22T12:34:56Z\n');
    expect(EXPIRES_AT % 1000).toBe(789);
  });
});

describe('CredentialsFile.apply: refusals leave the file byte-identical', () => {
  async function expectRefused(
    credentials: string | Buffer,
    config: string | undefined,
    change: Parameters<typeof putChange>,
    code: string,
    reason: RegExp,
  ) {
    const setup = await setupFiles(await tempDir(), { credentials, config });
    const before = await setup.bytes();
    const inode = await setup.inode();
    const result = await setup.file.apply([putChange(...change)]);
    expect(result.written).toBe(false);
    expect(result.applied).toEqual([]);
    expect(result.rejected).toEqual([
      { profile: change[0], code, reason: expect.stringMatching(reason) },
    ]);
    expect((await setup.bytes()).equals(before)).toBe(true);
    expect(await setup.inode()).toBe(inode);
    // checkWritable gives the same refusal without writing.
    const error = await setup.file.checkWritable(change[0], change[2]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsFileError);
    expect((error as CredentialsFileError).code).toBe(code);
    expect((error as Error).message).toBe(result.rejected[0]?.reason);
    return setup;
  }

  it('refuses to overwrite long-term keys it did not write', async () => {
    const setup = await expectRefused(
      await readFixture('crlf.ini'),
      undefined,
      ['default'],
      'refused-long-term-keys',
      /^profile "default" in .*credentials holds long-term access keys .* Pick another profile name, or force/,
    );
    expect(setup.paths.credentialsPath).toBeTruthy();
  });

  it('refuses a profile that ~/.aws/config gives a role_arn', async () => {
    const config =
      '[profile prod]\nrole_arn = arn:aws:iam::111111111111:role/x\nsource_profile = default\n';
    await expectRefused(
      '',
      config,
      ['prod'],
      'refused-role-profile',
      /^profile "prod" is defined with role_arn in .*config \(\[profile prod\]\); the AWS CLI and SDKs would assume that role and ignore credentials written here\. Pick another profile name/,
    );
  });

  it('refuses default when config [default] has a role_arn', async () => {
    await expectRefused(
      '',
      '[default]\nregion = us-east-1\nrole_arn = arn:aws:iam::111111111111:role/x\n',
      ['default'],
      'refused-role-profile',
      /\(\[default\]\)/,
    );
  });

  it('refuses a credentials section that has its own role_arn', async () => {
    await expectRefused(
      '[chained]\nrole_arn = arn:aws:iam::111111111111:role/x\nsource_profile = base\n',
      undefined,
      ['chained'],
      'refused-role-profile',
      /role_arn in .*credentials;/,
    );
  });

  it('refuses a profile that appears twice, even when forced', async () => {
    await expectRefused(
      await readFixture('duplicate-sections.ini'),
      undefined,
      ['shared', 'shared', true],
      'duplicate-section',
      /^profile "shared" appears 2 times in .*credentials \(lines 1, 8\); botocore rejects such a file\. Merge them/,
    );
  });

  it('refuses to remove a profile it does not manage', async () => {
    const input = await readFixture('crlf.ini');
    const setup = await setupFiles(await tempDir(), { credentials: input });
    const result = await setup.file.apply([{ type: 'remove', profile: 'dev' }]);
    expect(result).toEqual({
      written: false,
      applied: [],
      rejected: [
        {
          profile: 'dev',
          code: 'not-managed',
          reason: expect.stringMatching(
            /was not written by Switchyard \(it has no x_switchyard_managed = true\)/,
          ),
        },
      ],
    });
    expect((await setup.bytes()).equals(input)).toBe(true);
  });

  it('ignores bare [NAME] sections in config, which the SDKs ignore too', async () => {
    const setup = await setupFiles(await tempDir(), {
      config: '[prod]\nrole_arn = arn:aws:iam::111111111111:role/x\n',
    });
    expect((await setup.file.apply([putChange('prod')])).applied).toEqual(['prod']);
  });

  it('applies the other changes of a batch when one is refused', async () => {
    const input = (await readFixture('crlf.ini')).toString();
    const setup = await setupFiles(await tempDir(), { credentials: input });
    const result = await setup.file.apply([putChange('default', 'k1'), putChange('fresh', 'k2')]);
    expect(result.written).toBe(true);
    expect(result.applied).toEqual(['fresh']);
    expect(result.rejected.map((r) => r.code)).toEqual(['refused-long-term-keys']);
    expect(await setup.read()).toBe(`${input}\r\n${managedSection('fresh', 'k2', '\r\n')}`);
  });

  it.each(['not-utf8.ini', 'utf16.ini'])(
    'refuses %s as not UTF-8 and writes nothing',
    async (name) => {
      const input = await readFixture(name);
      const setup = await setupFiles(await tempDir(), { credentials: input });
      const error = await setup.file.apply([putChange('new-one')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsFileError);
      expect((error as CredentialsFileError).code).toBe('not-utf8');
      expect((error as Error).message).toMatch(
        new RegExp(
          `^${setup.paths.credentialsPath} is not valid UTF-8 text \\(line \\d\\); Switchyard will not edit it`,
        ),
      );
      expect((await setup.bytes()).equals(input)).toBe(true);
      expect(await readdir(setup.dir)).toEqual(['credentials']);
      // The inode the edit was read from is held open for the late-write check: refused, it is closed.
      if (process.platform === 'linux')
        expect(await openFdsOn(setup.paths.credentialsPath)).toBe(0);
      await expect(setup.file.listManaged()).rejects.toMatchObject({ code: 'not-utf8' });
    },
  );

  it('names the line of the first invalid byte', async () => {
    const setup = await setupFiles(await tempDir(), {
      credentials: await readFixture('not-utf8.ini'),
    });
    await expect(setup.file.apply([putChange('x')])).rejects.toThrow('(line 2)');
  });

  it('refuses to read a config file that is not UTF-8', async () => {
    const setup = await setupFiles(await tempDir(), { config: await readFixture('not-utf8.ini') });
    const error = await setup.file.apply([putChange('x')]).catch((e: unknown) => e);
    expect((error as CredentialsFileError).code).toBe('not-utf8');
    expect((error as Error).message).toContain(setup.paths.configPath);
    expect(await readdir(setup.dir)).toEqual(['config']);
  });

  it('overwrites long-term keys and role profiles only when forced', async () => {
    const input = (await readFixture('crlf.ini')).toString();
    const setup = await setupFiles(await tempDir(), {
      credentials: input,
      config: '[profile dev]\nrole_arn = arn:aws:iam::1:role/x\n',
    });
    const result = await setup.file.apply([
      putChange('default', 'l1', true),
      putChange('dev', 'l2', true),
    ]);
    expect(result).toEqual({ written: true, applied: ['default', 'dev'], rejected: [] });
    const [id1, secret1, ...rest1] = managedLines('l1');
    expect(await setup.read()).toBe(
      ['[default]', id1, secret1, ...rest1, '', '[dev]', ...managedLines('l2'), ''].join('\r\n'),
    );
    await expect(setup.file.checkWritable('default')).resolves.toBeUndefined();
  });
});

describe('CredentialsFile.listManaged and checkWritable', () => {
  it('lists only managed profiles, once each, with expiry and role', async () => {
    const input = [
      managedSection('one', 'm1'),
      '[mine]\naws_access_key_id = AKIAMINE\n',
      '[odd]\nx_switchyard_managed = TRUE\nx_switchyard_expires = soon\n',
      managedSection('one', 'm2'),
    ].join('\n');
    const setup = await setupFiles(await tempDir(), { credentials: input });
    expect(await setup.file.listManaged()).toEqual([
      { profile: 'one', roleArn: ROLE_ARN, expiresAt: Date.UTC(2026, 10, 22, 12, 34, 56) },
      { profile: 'odd', roleArn: undefined, expiresAt: undefined },
    ]);
  });

  it('lists nothing when the file does not exist, and creates nothing', async () => {
    const setup = await setupFiles(await tempDir());
    expect(await setup.file.listManaged()).toEqual([]);
    await expect(setup.file.checkWritable('anything')).resolves.toBeUndefined();
    expect(await readdir(setup.dir)).toEqual([]);
  });

  it('accepts new, managed and temporary-key profiles', async () => {
    const setup = await setupFiles(await tempDir(), {
      credentials: `${managedSection('ours')}\n[temp]\naws_access_key_id = ASIA1\naws_secret_access_key = s\naws_session_token = t\n`,
    });
    for (const profile of ['ours', 'temp', 'new']) {
      await expect(setup.file.checkWritable(profile)).resolves.toBeUndefined();
    }
  });

  it('rejects a malformed profile name before reading anything', async () => {
    const setup = await setupFiles(await tempDir());
    await expect(setup.file.checkWritable('bad]name')).rejects.toMatchObject({
      name: 'InputError',
    });
    await expect(setup.file.apply([putChange('bad\nname')])).rejects.toMatchObject({
      name: 'InputError',
      field: 'profile',
    });
  });
});

describe('resolveCredentialsPaths', () => {
  it('uses ~/.aws under HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH, then the given home', () => {
    expect(resolveCredentialsPaths({ HOME: '/home/u' })).toEqual({
      credentialsPath: '/home/u/.aws/credentials',
      configPath: '/home/u/.aws/config',
    });
    expect(resolveCredentialsPaths({ USERPROFILE: '/users/u' }).configPath).toBe(
      '/users/u/.aws/config',
    );
    expect(resolveCredentialsPaths({ HOMEDRIVE: '/drive', HOMEPATH: '/u' }).credentialsPath).toBe(
      '/drive/u/.aws/credentials',
    );
    expect(resolveCredentialsPaths({}, '/fallback').credentialsPath).toBe(
      '/fallback/.aws/credentials',
    );
  });

  it('honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, expanding a leading ~/', () => {
    expect(
      resolveCredentialsPaths({
        HOME: '/home/u',
        AWS_SHARED_CREDENTIALS_FILE: '~/secrets/creds',
        AWS_CONFIG_FILE: '/etc/aws/config',
      }),
    ).toEqual({ credentialsPath: '/home/u/secrets/creds', configPath: '/etc/aws/config' });
    expect(resolveCredentialsPaths({ HOME: '/h', AWS_CONFIG_FILE: '' }).configPath).toBe(
      '/h/.aws/config',
    );
  });
});
