import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { Secret } from '../../../electron/core/secret';
import {
  deleteSsoToken,
  lookupSsoToken,
  readSsoToken,
  SsoCacheError,
  ssoCacheDir,
  ssoTokenCachePath,
  writeSsoToken,
  type SsoTokenRecord,
} from '../../../electron/core/sso/token-cache';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const START_URL = 'https://d-1234567890.awsapps.com/start';
const ACCESS = 'aoa-ACCESS-TOKEN-value-1';
const REFRESH = 'aor-REFRESH-TOKEN-value-1';
const CLIENT_SECRET = 'client-SECRET-value-1';
const SESSION = { name: 'corp', startUrl: START_URL, region: 'eu-west-1' };
const canRunAsOther = process.getuid?.() === 0;

function record(overrides: Partial<SsoTokenRecord> = {}): SsoTokenRecord {
  return {
    startUrl: START_URL,
    region: 'eu-west-1',
    accessToken: new Secret(ACCESS),
    expiresAt: Date.UTC(2030, 0, 2, 3, 4, 5, 678),
    refreshToken: new Secret(REFRESH),
    clientId: 'client-id-1',
    clientSecret: new Secret(CLIENT_SECRET),
    registrationExpiresAt: Date.UTC(2030, 3, 1),
    ...overrides,
  };
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

let aws: TempAwsHome;
let cacheDir: string;

beforeEach(() => {
  aws = createTempAwsHome();
  cacheDir = join(aws.home, '.aws', 'sso', 'cache');
});
afterEach(() => aws.cleanup());

function plant(key: string, content: string | object): string {
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  const path = join(cacheDir, `${sha1(key)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const GOOD = {
  startUrl: START_URL,
  region: 'eu-west-1',
  accessToken: ACCESS,
  expiresAt: '2030-01-02T03:04:05Z',
};

describe('ssoTokenCachePath', () => {
  it('is ~/.aws/sso/cache/<sha1 hex of the key>.json', () => {
    // sha1("corp"), computed with Python's hashlib.
    expect(ssoTokenCachePath('corp', '/h')).toBe(
      '/h/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json',
    );
    expect(ssoCacheDir('/h')).toBe('/h/.aws/sso/cache');
    expect(ssoTokenCachePath(START_URL, '/h')).toBe(`/h/.aws/sso/cache/${sha1(START_URL)}.json`);
  });
});

describe('writeSsoToken', () => {
  it('creates the folders 0700 and the file 0600, in the form the AWS CLI writes', async () => {
    await writeSsoToken('corp', record(), aws.home);
    const path = ssoTokenCachePath('corp', aws.home);
    expect(statSync(join(aws.home, '.aws', 'sso')).mode & 0o777).toBe(0o700);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(json).toEqual({
      startUrl: START_URL,
      region: 'eu-west-1',
      accessToken: ACCESS,
      // Cut to the second, never rounded up.
      expiresAt: '2030-01-02T03:04:05Z',
      clientId: 'client-id-1',
      clientSecret: CLIENT_SECRET,
      registrationExpiresAt: '2030-04-01T00:00:00Z',
      refreshToken: REFRESH,
    });
    expect(readdirSync(cacheDir)).toEqual([`${sha1('corp')}.json`]);
  });

  it('reads back what it wrote', async () => {
    await writeSsoToken('corp', record(), aws.home);
    const read = await readSsoToken(SESSION, aws.home);
    expect(read?.accessToken.reveal()).toBe(ACCESS);
    expect(read?.refreshToken?.reveal()).toBe(REFRESH);
    expect(read?.clientSecret?.reveal()).toBe(CLIENT_SECRET);
    expect(read?.expiresAt).toBe(Date.UTC(2030, 0, 2, 3, 4, 5));
    expect(read?.registrationExpiresAt).toBe(Date.UTC(2030, 3, 1));
    expect(read?.clientId).toBe('client-id-1');
  });

  it('keeps the fields other tools wrote, and drops a known field the new record lacks', async () => {
    plant('corp', {
      ...GOOD,
      refreshToken: 'old-refresh',
      ssoExtra: { keep: [1, 2] },
      __proto__x: 1,
    });
    await writeSsoToken('corp', record({ refreshToken: undefined }), aws.home);
    const json = JSON.parse(readFileSync(ssoTokenCachePath('corp', aws.home), 'utf8'));
    expect(json.ssoExtra).toEqual({ keep: [1, 2] });
    expect(json.__proto__x).toBe(1);
    expect(json).not.toHaveProperty('refreshToken');
    expect(json.accessToken).toBe(ACCESS);
  });

  it('replaces a broken file whole', async () => {
    const path = plant('corp', '{"accessToken": "half');
    await writeSsoToken('corp', record(), aws.home);
    expect(JSON.parse(readFileSync(path, 'utf8')).accessToken).toBe(ACCESS);
  });

  it('refuses a record that cannot be written, without writing', async () => {
    await expect(
      writeSsoToken('corp', record({ expiresAt: Number.NaN }), aws.home),
    ).rejects.toThrow(/expiresAt is not a time/);
    await expect(writeSsoToken('', record(), aws.home)).rejects.toThrow(/session name/);
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('never writes through a symlinked token file', async () => {
    const elsewhere = join(aws.home, 'elsewhere.txt');
    writeFileSync(elsewhere, 'precious');
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    symlinkSync(elsewhere, ssoTokenCachePath('corp', aws.home));
    const error = await writeSsoToken('corp', record(), aws.home).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SsoCacheError);
    expect((error as Error).message).toMatch(/is a symbolic link.*delete it/);
    expect(readFileSync(elsewhere, 'utf8')).toBe('precious');
    expect(lstatSync(ssoTokenCachePath('corp', aws.home)).isSymbolicLink()).toBe(true);
  });

  it('refuses a FIFO as the token file in one line, without waiting on it', async () => {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const path = ssoTokenCachePath('corp', aws.home);
    execFileSync('mkfifo', ['-m', '0600', path]);
    const error = (await writeSsoToken('corp', record(), aws.home).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(SsoCacheError);
    expect(error.message).toMatch(/named pipe \(FIFO\)/);
    expect(error.message).not.toContain('\n');
    expect(lstatSync(path).isFIFO()).toBe(true);
  });
});

describe('the cache folder', () => {
  it('follows a link to a folder of this user (a dotfiles repo)', async () => {
    const real = join(aws.home, 'dotfiles', 'sso-cache');
    mkdirSync(real, { recursive: true, mode: 0o700 });
    mkdirSync(join(aws.home, '.aws', 'sso'), { recursive: true });
    symlinkSync(real, cacheDir);
    await writeSsoToken('corp', record(), aws.home);
    expect(readdirSync(real)).toEqual([`${sha1('corp')}.json`]);
    expect((await readSsoToken(SESSION, aws.home))?.accessToken.reveal()).toBe(ACCESS);
  });

  it('refuses a link to a world-writable folder: nothing is written there, nothing read', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'sso-shared-'));
    try {
      chmodSync(shared, 0o1777);
      mkdirSync(join(aws.home, '.aws', 'sso'), { recursive: true });
      symlinkSync(shared, cacheDir);
      const error = (await writeSsoToken('corp', record(), aws.home).catch(
        (e: unknown) => e,
      )) as Error;
      expect(error).toBeInstanceOf(SsoCacheError);
      expect(error.message).toMatch(/writable by every user \(mode 1777\); make it yours alone/);
      expect(readdirSync(shared)).toEqual([]);
      writeFileSync(join(shared, `${sha1('corp')}.json`), JSON.stringify(GOOD));
      const lookup = await lookupSsoToken(SESSION, aws.home);
      expect(lookup.status).toBe('unusable');
      expect(await deleteSsoToken(SESSION, aws.home).catch((e: unknown) => e)).toBeInstanceOf(
        SsoCacheError,
      );
      expect(readdirSync(shared)).toHaveLength(1);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });

  it.skipIf(!canRunAsOther)('refuses a link to a folder of another user', async () => {
    const theirs = join(aws.home, 'theirs');
    mkdirSync(theirs, { mode: 0o755 });
    chownSync(theirs, 65534, 65534);
    mkdirSync(join(aws.home, '.aws', 'sso'), { recursive: true });
    symlinkSync(theirs, cacheDir);
    const error = (await writeSsoToken('corp', record(), aws.home).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toMatch(/belongs to another user \(uid 65534\)/);
    expect(error.message).toContain(`${cacheDir} (-> ${theirs})`);
    expect(readdirSync(theirs)).toEqual([]);
    const lookup = await lookupSsoToken(SESSION, aws.home);
    expect(lookup).toMatchObject({ status: 'unusable' });
  });

  it('says a file where the folder should be is in the way', async () => {
    mkdirSync(join(aws.home, '.aws', 'sso'), { recursive: true });
    writeFileSync(cacheDir, 'not a folder');
    await expect(writeSsoToken('corp', record(), aws.home)).rejects.toThrow(
      `${cacheDir} is a file, not a folder; move it away`,
    );
    expect(readFileSync(cacheDir, 'utf8')).toBe('not a folder');
  });
});

describe('readSsoToken / lookupSsoToken', () => {
  it('is absent with a reason when nothing was ever cached', async () => {
    expect(await lookupSsoToken(SESSION, aws.home)).toEqual({
      status: 'absent',
      reason: `not signed in (no ${cacheDir})`,
    });
    mkdirSync(cacheDir, { recursive: true });
    expect(await lookupSsoToken(SESSION, aws.home)).toMatchObject({
      status: 'absent',
      reason: 'not signed in (no cached token for sso-session corp)',
    });
    expect(await readSsoToken(SESSION, aws.home)).toBeUndefined();
  });

  it('falls back to the legacy file named by the start URL, and prefers the session file', async () => {
    plant(START_URL, { ...GOOD, accessToken: 'legacy-token' });
    expect((await readSsoToken(SESSION, aws.home))?.accessToken.reveal()).toBe('legacy-token');
    // A legacy profile has no session name at all.
    const legacy = await readSsoToken({ startUrl: START_URL, region: 'eu-west-1' }, aws.home);
    expect(legacy?.accessToken.reveal()).toBe('legacy-token');
    plant('corp', GOOD);
    expect((await readSsoToken(SESSION, aws.home))?.accessToken.reveal()).toBe(ACCESS);
  });

  it('uses the legacy file when the session file is broken, else reports the session file', async () => {
    const broken = plant('corp', 'garbage');
    expect(await lookupSsoToken(SESSION, aws.home)).toEqual({
      status: 'unusable',
      reason: `${broken} is not valid JSON; sign in again`,
    });
    plant(START_URL, GOOD);
    expect((await lookupSsoToken(SESSION, aws.home)).status).toBe('found');
  });

  it.each([
    ['garbage', `{"accessToken": "${ACCESS}", `, 'is not valid JSON'],
    ['an empty file', '', 'is empty'],
    ['an array', '[]', 'does not hold a JSON object'],
    ['null', 'null', 'does not hold a JSON object'],
    ['no accessToken', { ...GOOD, accessToken: undefined }, 'has no accessToken'],
    ['an empty accessToken', { ...GOOD, accessToken: '' }, 'has no accessToken'],
    ['a number as accessToken', { ...GOOD, accessToken: 5 }, 'has no accessToken'],
    ['no expiresAt', { ...GOOD, expiresAt: undefined }, 'has no expiresAt'],
    ['expiresAt without a zone', { ...GOOD, expiresAt: '2030-01-02T03:04:05' }, 'has no time zone'],
    ['expiresAt as a number', { ...GOOD, expiresAt: 1893553445 }, 'is number, not a time'],
    ['expiresAt of Feb 30', { ...GOOD, expiresAt: '2030-02-30T00:00:00Z' }, 'not a real date'],
    ['expiresAt in words', { ...GOOD, expiresAt: 'tomorrow' }, 'not a time in a form'],
    [
      'another start URL',
      { ...GOOD, startUrl: 'https://other.awsapps.com/start' },
      'another start URL',
    ],
  ])(
    'a file with %s is not signed in, with the reason and no token in it',
    async (_, content, why) => {
      const path = plant('corp', content);
      const lookup = await lookupSsoToken(SESSION, aws.home);
      expect(lookup.status).toBe('unusable');
      const reason = (lookup as { reason: string }).reason;
      expect(reason).toContain(path);
      expect(reason).toContain(why);
      expect(reason).not.toContain(ACCESS);
      expect(reason).not.toContain('\n');
    },
  );

  it.each([
    ['botocore / AWS CLI', '2030-01-02T03:04:05Z', Date.UTC(2030, 0, 2, 3, 4, 5)],
    ['JS SDK toISOString', '2030-01-02T03:04:05.678Z', Date.UTC(2030, 0, 2, 3, 4, 5, 678)],
    ['older CLIs (%Z)', '2030-01-02T03:04:05UTC', Date.UTC(2030, 0, 2, 3, 4, 5)],
    ['a space and GMT', '2030-01-02 03:04:05 GMT', Date.UTC(2030, 0, 2, 3, 4, 5)],
    ['an offset', '2030-01-02T05:04:05+02:00', Date.UTC(2030, 0, 2, 3, 4, 5)],
    ['a compact offset', '2030-01-01T22:04:05-0500', Date.UTC(2030, 0, 2, 3, 4, 5)],
    ['microseconds', '2030-01-02T03:04:05.123456+00:00', Date.UTC(2030, 0, 2, 3, 4, 5, 123)],
    ['RFC 1123', 'Wed, 02 Jan 2030 03:04:05 GMT', Date.UTC(2030, 0, 2, 3, 4, 5)],
  ])('reads expiresAt as %s writes it', async (_, expiresAt, ms) => {
    plant('corp', { ...GOOD, expiresAt, registrationExpiresAt: expiresAt });
    const read = await readSsoToken(SESSION, aws.home);
    expect(read?.expiresAt).toBe(ms);
    expect(read?.registrationExpiresAt).toBe(ms);
  });

  it('takes startUrl and region from the session when the file has none, and ignores odd optional fields', async () => {
    plant('corp', {
      accessToken: ACCESS,
      expiresAt: GOOD.expiresAt,
      refreshToken: 42,
      clientSecret: null,
      registrationExpiresAt: 'never',
    });
    const read = await readSsoToken(SESSION, aws.home);
    expect(read).toMatchObject({ startUrl: START_URL, region: 'eu-west-1' });
    expect(read?.refreshToken).toBeUndefined();
    expect(read?.clientSecret).toBeUndefined();
    expect(read?.registrationExpiresAt).toBeUndefined();
  });

  it('matches the start URL however the portal URL was pasted', async () => {
    plant('corp', { ...GOOD, startUrl: 'https://D-1234567890.awsapps.com/start/#/' });
    expect((await lookupSsoToken(SESSION, aws.home)).status).toBe('found');
  });

  it('never waits on a FIFO in place of the token file', async () => {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    execFileSync('mkfifo', ['-m', '0600', join(cacheDir, `${sha1('corp')}.json`)]);
    const lookup = await lookupSsoToken(SESSION, aws.home);
    expect(lookup).toMatchObject({ status: 'unusable' });
    expect((lookup as { reason: string }).reason).toMatch(/named pipe \(FIFO\), not a token file/);
  });

  it('never reads through a symlinked token file', async () => {
    const elsewhere = join(aws.home, 'planted.json');
    writeFileSync(elsewhere, JSON.stringify(GOOD));
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    symlinkSync(elsewhere, join(cacheDir, `${sha1('corp')}.json`));
    const lookup = await lookupSsoToken(SESSION, aws.home);
    expect((lookup as { reason: string }).reason).toMatch(/symbolic link/);
  });

  it('does not read a huge file into memory', async () => {
    plant('corp', `{"accessToken": "${'x'.repeat(2 * 1024 * 1024)}"}`);
    const lookup = await lookupSsoToken(SESSION, aws.home);
    expect((lookup as { reason: string }).reason).toMatch(/too large for a token file/);
  });

  it('keeps the secrets out of inspect, JSON and strings', async () => {
    plant('corp', { ...GOOD, refreshToken: REFRESH, clientSecret: CLIENT_SECRET, clientId: 'c' });
    const read = await readSsoToken(SESSION, aws.home);
    const shown = `${inspect(read, { depth: 5 })} ${JSON.stringify(read)} ${String(read?.accessToken)}`;
    for (const secret of [ACCESS, REFRESH, CLIENT_SECRET]) expect(shown).not.toContain(secret);
  });
});

describe('deleteSsoToken', () => {
  it('removes the session file and the legacy file, and says whether it removed any', async () => {
    expect(await deleteSsoToken(SESSION, aws.home)).toBe(false);
    const named = plant('corp', GOOD);
    const legacy = plant(START_URL, GOOD);
    const other = plant('other-session', GOOD);
    expect(await deleteSsoToken(SESSION, aws.home)).toBe(true);
    expect([existsSync(named), existsSync(legacy), existsSync(other)]).toEqual([
      false,
      false,
      true,
    ]);
    expect(await deleteSsoToken(SESSION, aws.home)).toBe(false);
    expect(await readSsoToken(SESSION, aws.home)).toBeUndefined();
  });

  it('removes a link itself, never what it points to', async () => {
    const elsewhere = join(aws.home, 'precious.json');
    writeFileSync(elsewhere, 'precious');
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    symlinkSync(elsewhere, join(cacheDir, `${sha1('corp')}.json`));
    expect(await deleteSsoToken(SESSION, aws.home)).toBe(true);
    expect(readFileSync(elsewhere, 'utf8')).toBe('precious');
  });
});
