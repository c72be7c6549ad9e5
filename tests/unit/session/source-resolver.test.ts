import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoleEntry } from '../../../shared/model';
import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import { Secret, type SessionCredentials } from '../../../electron/core/secret';
import { LongTermKeys } from '../../../electron/core/secrets/long-term-keys';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { MfaSessionCache } from '../../../electron/core/secrets/mfa-session-cache';
import { LiveSessions } from '../../../electron/core/session/live-sessions';
import { SourceResolver } from '../../../electron/core/session/source-resolver';
import { useTempDir } from '../refresh/temp-dir';

const tempDir = useTempDir();
const SECOND = 1000;
/** The documented rule: a source session with less than a minute left is not chained from. */
const ONE_MINUTE = 60 * SECOND;

function role(id: string, source: RoleEntry['source']): RoleEntry {
  return {
    id,
    label: id,
    roleArn: `arn:aws:iam::123456789012:role/${id}`,
    profile: id,
    source,
    region: 'eu-west-1',
    tags: [],
  } as unknown as RoleEntry;
}

const base = role('base', { kind: 'default' });
const hop = role('hop', { kind: 'role', roleId: 'base' });

function setup(fileText = '') {
  const clock = new FakeClock();
  const credentialsPath = join(tempDir(), 'credentials');
  writeFileSync(credentialsPath, fileText, { mode: 0o600 });
  const secrets = new MemorySecretStore();
  const sessions = new LiveSessions();
  const resolver = new SourceResolver({
    find: (id) => [base, hop].find((r) => r.id === id),
    sessions,
    credentialsPath,
    configPath: join(tempDir(), 'config'),
    env: {},
    clock,
    createGateway: () => {
      throw new Error('a chained source needs no STS call');
    },
    mfaCache: new MfaSessionCache(secrets),
    keys: new LongTermKeys(secrets),
  });
  return { clock, sessions, resolver };
}

function session(expiresAt: number, key = 'ASIAHELDINMEMORY0001'): SessionCredentials {
  return {
    accessKeyId: new Secret(key),
    secretAccessKey: new Secret('s'.repeat(40)),
    sessionToken: new Secret('token'),
    expiresAt,
  };
}

function activeBase(expiresAt: number, credentials?: SessionCredentials) {
  return {
    state: 'active' as const,
    expiresAt,
    failures: 0,
    chained: false,
    inFlight: false,
    inFile: true,
    profile: 'base',
    ...(credentials ? { credentials } : {}),
  };
}

describe('SourceResolver: chaining from another role', () => {
  it('uses the source session held in memory while more than a minute is left (by 1 ms)', async () => {
    const { clock, sessions, resolver } = setup();
    const expiresAt = clock.now() + ONE_MINUTE + 1;
    sessions.set('base', activeBase(expiresAt, session(expiresAt)));
    const source = await resolver.base(hop);
    expect(source.kind).toBe('keys');
    expect(source.kind === 'keys' && source.accessKeyId.reveal()).toBe('ASIAHELDINMEMORY0001');
  });

  it('refuses a source session with a minute or less left, clearly', async () => {
    const { clock, sessions, resolver } = setup();
    const expiresAt = clock.now() + ONE_MINUTE;
    sessions.set('base', activeBase(expiresAt, session(expiresAt)));
    await expect(resolver.base(hop)).rejects.toMatchObject({
      kind: 'needs-user',
      code: 'SourceRoleInactive',
      message: expect.stringContaining('(base) has no live session; activate that role'),
    });
  });

  it('after a restart, reads the source session from the file, under the same minimum', async () => {
    const file = `[base]\naws_access_key_id = ASIAFROMTHEFILE00001\naws_secret_access_key = ${'f'.repeat(40)}\naws_session_token = tok\n`;
    const { clock, sessions, resolver } = setup(file);
    sessions.set('base', activeBase(clock.now() + ONE_MINUTE + 1));
    const source = await resolver.base(hop);
    expect(source.kind === 'keys' && source.accessKeyId.reveal()).toBe('ASIAFROMTHEFILE00001');
    // Read once, then held for the next chained role.
    expect(sessions.get('base')?.credentials?.accessKeyId.reveal()).toBe('ASIAFROMTHEFILE00001');

    const later = setup(file);
    later.sessions.set('base', activeBase(later.clock.now() + ONE_MINUTE));
    await expect(later.resolver.base(hop)).rejects.toMatchObject({ code: 'SourceRoleInactive' });
  });

  it('refuses when the source role is not active at all', async () => {
    const { resolver } = setup();
    await expect(resolver.base(hop)).rejects.toMatchObject({ code: 'SourceRoleInactive' });
  });
});

describe('SourceResolver.region', () => {
  it('reads a source profile region from the credentials file too, as the SDK does', async () => {
    const { resolver } = setup('[ops]\nregion = ap-southeast-2\n');
    const fromFile = { ...role('r', { kind: 'profile', profile: 'ops' }), region: undefined };
    expect(await resolver.region(fromFile as unknown as RoleEntry)).toBe('ap-southeast-2');
  });
});
