import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, loadSharedConfigFiles, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSharedConfig } from '../../../electron/core/sts/sdk-shared-config';
import {
  configRegion,
  resolveStsRegion,
  type RegionInputs,
} from '../../../electron/core/sts/region';

/**
 * Differential test: every file below is read by Switchyard's reader and by the
 * AWS SDK's own loader and region provider; the answers must be the same.
 */

interface Case {
  readonly name: string;
  readonly config: string;
  readonly credentials?: string;
  readonly profile?: string;
}

const CASES: readonly Case[] = [
  { name: 'plain default', config: '[default]\nregion = eu-west-1\n' },
  { name: 'inline # comment', config: '[default]\nregion = eu-west-1 # Ireland\n' },
  { name: 'inline ; comment', config: '[default]\nregion = eu-west-1 ; Ireland\n' },
  { name: '# with no space before it', config: '[default]\nregion = eu-west-1#x\n' },
  { name: 'tab before the comment', config: '[default]\nregion = eu-west-1\t# x\n' },
  { name: 'whole-line comment', config: '[default]\n# region = us-west-2\nregion = eu-west-1\n' },
  { name: 'commented header', config: '# [default]\n[default]\nregion = eu-west-1\n' },
  {
    name: 'comment after a header',
    config: '[profile src] # team\nregion = eu-west-2\n',
    profile: 'src',
  },
  { name: 'upper-case key', config: '[default]\nRegion = eu-west-1\n' },
  {
    name: 'upper-case key then lower',
    config: '[default]\nREGION = us-west-1\nregion = eu-west-1\n',
  },
  {
    name: 'duplicate sections merge, later wins',
    config: '[default]\nregion = eu-west-1\noutput = json\n[default]\nregion = us-west-2\n',
  },
  {
    name: 'duplicate profile sections',
    config: '[profile src]\nregion = eu-west-1\n[profile other]\n[profile src]\noutput = json\n',
    profile: 'src',
  },
  { name: 'duplicate key', config: '[default]\nregion = eu-west-1\nregion = ap-south-1\n' },
  { name: 'bare section in config', config: '[src]\nregion = eu-west-1\n', profile: 'src' },
  {
    name: 'profile default beats default',
    config: '[profile default]\nregion = us-west-2\n[default]\nregion = eu-west-1\n',
  },
  {
    name: 'default before profile default',
    config: '[default]\nregion = eu-west-1\noutput = text\n[profile default]\noutput = json\n',
  },
  {
    name: 'two spaces after profile',
    config: '[profile  src]\nregion = eu-west-1\n',
    profile: 'src',
  },
  { name: 'tab after profile', config: '[profile\tsrc]\nregion = eu-west-1\n', profile: 'src' },
  { name: 'quoted profile name', config: '[profile "src"]\nregion = eu-west-1\n', profile: 'src' },
  { name: 'space in profile name', config: '[profile a b]\nregion = eu-west-1\n', profile: 'a b' },
  { name: 'profile dot name', config: '[profile.src]\nregion = eu-west-1\n', profile: 'src' },
  { name: 'spaces inside brackets', config: '[ default ]\nregion = eu-west-1\n' },
  { name: 'empty value opens a sub-section', config: '[default]\nregion =\n  x = y\n' },
  {
    name: 'sub-section then an indented region',
    config: '[default]\ns3 =\n  region = us-west-2\n',
  },
  {
    name: 'sub-section then a top-level region',
    config: '[default]\ns3 =\n  addressing_style = path\nregion = eu-west-1\n',
  },
  { name: 'colon delimiter', config: '[default]\nregion: eu-west-1\n' },
  { name: 'no spaces', config: '[default]\nregion=eu-west-1\n' },
  { name: 'quoted value', config: '[default]\nregion = "eu-west-1"\n' },
  { name: 'CRLF', config: '[default]\r\nregion = eu-west-1\r\n' },
  { name: 'BOM', config: '\ufeff[default]\nregion = eu-west-1\n' },
  { name: 'indented key', config: '[default]\n   region = eu-west-1\n' },
  { name: 'key before any section', config: 'region = eu-west-1\n[default]\n' },
  {
    name: '__proto__ section blanks the file',
    config: '[default]\nregion = eu-west-1\n[profile __proto__]\nx = y\n',
  },
  {
    name: 'credentials file region',
    config: '',
    credentials: '[src]\nregion = eu-west-1\naws_access_key_id = AKIA\n',
    profile: 'src',
  },
  {
    name: 'config region beats credentials region',
    config: '[profile src]\nregion = eu-west-1\n',
    credentials: '[src]\nregion = us-west-2\n',
    profile: 'src',
  },
  {
    name: 'profile prefix in the credentials file',
    config: '',
    credentials: '[profile src]\nregion = eu-west-1\n',
    profile: 'src',
  },
  {
    name: 'sso-session is no profile',
    config: '[sso-session src]\nregion = eu-west-1\n',
    profile: 'src',
  },
  { name: 'no such profile', config: '[default]\nregion = eu-west-1\n', profile: 'absent' },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-sdk-ini-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let serial = 0;
async function write(c: Case): Promise<{ configPath: string; credentialsPath: string }> {
  serial += 1;
  const configPath = join(dir, `config-${serial}`);
  const credentialsPath = join(dir, `credentials-${serial}`);
  await writeFile(configPath, c.config);
  await writeFile(credentialsPath, c.credentials ?? '');
  return { configPath, credentialsPath };
}

/** The SDK's region provider, minus the environment and the instance-metadata fallback. */
async function sdkRegion(
  paths: { configPath: string; credentialsPath: string },
  profile: string,
): Promise<string | undefined> {
  const provider = loadConfig(
    {
      environmentVariableSelector: () => undefined,
      configFileSelector: NODE_REGION_CONFIG_OPTIONS.configFileSelector,
      default: () => undefined,
    },
    {
      profile,
      filepath: paths.credentialsPath,
      configFilepath: paths.configPath,
      ignoreCache: true,
    },
  );
  return (await provider()) as string | undefined;
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('Switchyard reads the AWS files as the SDK does', () => {
  it.each(CASES)('$name', async (c) => {
    const paths = await write(c);
    const profile = c.profile ?? 'default';
    const ours = await configRegion(paths, profile);
    expect(ours?.region).toBe(await sdkRegion(paths, profile));

    const sdkFiles = await loadSharedConfigFiles({
      filepath: paths.credentialsPath,
      configFilepath: paths.configPath,
      ignoreCache: true,
    });
    expect(plain(await loadSharedConfig(paths))).toEqual(plain(sdkFiles));
  });

  it('the table covers files where the SDK finds a region and files where it does not', async () => {
    const found = await Promise.all(
      CASES.map(async (c) => sdkRegion(await write(c), c.profile ?? 'default')),
    );
    expect(found.filter((r) => r !== undefined).length).toBeGreaterThan(10);
    expect(found.filter((r) => r === undefined).length).toBeGreaterThan(5);
  });
});

describe('resolveStsRegion', () => {
  const base = { explicit: undefined, sourceProfile: undefined, partition: 'aws' as const };

  /** The file, the source profile and environment if any, and the region the SDK would use. */
  interface RegionCase {
    readonly config: string;
    readonly sourceProfile?: string;
    readonly env?: RegionInputs['env'];
    readonly expected: string;
  }
  it.each<[string, RegionCase]>([
    [
      'takes the region without its inline comment, as the SDK does',
      {
        config: '[default]\nregion = eu-west-1 # Ireland\n',
        expected: 'eu-west-1',
      },
    ],
    [
      'reads the later of two sections of the same profile',
      {
        config: '[profile src]\nregion = eu-west-1\n[profile src]\nregion = ap-south-1\n',
        sourceProfile: 'src',
        expected: 'ap-south-1',
      },
    ],
    [
      'ignores a key spelt Region, falling back to the partition home region',
      {
        config: '[default]\nRegion = eu-west-1\n',
        expected: 'us-east-1',
      },
    ],
    [
      'treats an empty AWS_PROFILE as unset, as the SDK does',
      {
        config: '[default]\nregion = eu-west-2\n',
        env: { AWS_PROFILE: '' },
        expected: 'eu-west-2',
      },
    ],
  ])('%s', async (_, { config, sourceProfile, env = {}, expected }) => {
    const paths = await write({ name: '', config });
    await expect(resolveStsRegion({ ...base, ...paths, sourceProfile, env })).resolves.toBe(
      expected,
    );
  });

  it('names the credentials file when the region came from it', async () => {
    const paths = await write({
      name: '',
      config: '',
      credentials: '[default]\nregion = eu-west-1\n',
    });
    await expect(
      resolveStsRegion({ ...base, ...paths, env: {}, partition: 'aws-cn' }),
    ).rejects.toThrow(`in ${paths.credentialsPath}: eu-west-1 is in the aws partition`);
  });
});
