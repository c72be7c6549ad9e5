import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoleEntry } from '../../../shared/model';
import type { ServedCredentials } from '../../../electron/core/endpoint/credential-endpoint';
import { Secret, type SessionCredentials } from '../../../electron/core/secret';
import { EndpointSessions } from '../../../electron/core/endpoint/endpoint-sessions';
import type { Live } from '../../../electron/core/session/live-session';
import type { RoleAssumer } from '../../../electron/core/session/role-assumer';
import { useTempDir } from '../refresh/temp-dir';

const tempDir = useTempDir();
const NOW = Date.UTC(2026, 11, 6, 12);
const HOUR = 3_600_000;

const ROLE: RoleEntry = {
  id: 'dev-id',
  label: 'dev',
  roleArn: 'arn:aws:iam::210987654321:role/dev',
  profile: 'dev',
  source: { kind: 'profile', profile: 'source' },
  tags: [],
};

function writeSession(path: string, key: string): void {
  writeFileSync(
    path,
    `[dev]\naws_access_key_id = ${key}\naws_secret_access_key = secret-${key}\naws_session_token = token-${key}\n`,
  );
}

/** The engine's view of a role whose session it recovered from the file at start-up: no keys in memory. */
function recovered(expiresAt: number): Live {
  return {
    state: 'active',
    expiresAt,
    failures: 0,
    chained: false,
    inFlight: false,
    inFile: true,
    profile: 'dev',
  };
}

function sessionsFor(
  credentialsPath: string,
  live: () => Live | undefined,
  role: () => RoleEntry = () => ROLE,
): EndpointSessions {
  const assumer = {} as RoleAssumer; // never reached: the live session is outside the margin
  return new EndpointSessions({
    lookup: () => ({ role: role(), marginMs: 10 * 60_000 }),
    live,
    credentialsPath,
    now: () => NOW,
    assumer,
  });
}

describe('EndpointSessions', () => {
  it('reads a session recovered from the credentials file once per live session, not per request', async () => {
    const path = join(tempDir(), 'credentials');
    writeSession(path, 'ASIAFIRSTREAD0000001');
    let live = recovered(NOW + HOUR);
    const sessions = sessionsFor(path, () => live);
    const first = await sessions.credentialsFor(ROLE.id);
    expect(first.credentials.accessKeyId.reveal()).toBe('ASIAFIRSTREAD0000001');
    // The file changes under the same live session: a request does not read it again.
    writeSession(path, 'ASIASECONDREAD000002');
    for (let i = 0; i < 3; i++) {
      const again = await sessions.credentialsFor(ROLE.id);
      expect(again.credentials.accessKeyId.reveal()).toBe('ASIAFIRSTREAD0000001');
    }
    // The engine's view changed (a refresh wrote the profile again): read once more.
    live = recovered(NOW + 2 * HOUR);
    const next = await sessions.credentialsFor(ROLE.id);
    expect(next.credentials.accessKeyId.reveal()).toBe('ASIASECONDREAD000002');
    expect(next.credentials.expiresAt).toBe(NOW + 2 * HOUR);
  });

  it('forgets what it read for a role removed from the catalog', async () => {
    const path = join(tempDir(), 'credentials');
    writeSession(path, 'ASIAFIRSTREAD0000001');
    const live = recovered(NOW + HOUR);
    const sessions = sessionsFor(path, () => live);
    await sessions.credentialsFor(ROLE.id);
    writeSession(path, 'ASIASECONDREAD000002');
    sessions.forget(() => false);
    const after = await sessions.credentialsFor(ROLE.id);
    expect(after.credentials.accessKeyId.reveal()).toBe('ASIASECONDREAD000002');
  });

  it('serves a session in memory synchronously, as the same object until the session or ARN changes', () => {
    const keys = (key: string): SessionCredentials => ({
      accessKeyId: new Secret(key),
      secretAccessKey: new Secret(`secret-${key}`),
      sessionToken: new Secret(`token-${key}`),
      expiresAt: NOW + HOUR,
    });
    let live: Live = { ...recovered(NOW + HOUR), credentials: keys('ASIAINMEMORY00000001') };
    let role = ROLE;
    const sessions = sessionsFor(
      join(tempDir(), 'credentials'),
      () => live,
      () => role,
    );
    const first = sessions.credentialsFor(ROLE.id);
    expect(first).not.toBeInstanceOf(Promise);
    expect(sessions.credentialsFor(ROLE.id)).toBe(first);
    // A refresh: a new Live with new keys is served as a new object (a new answer).
    live = { ...live, credentials: keys('ASIAREFRESHED0000002') };
    const refreshed = sessions.credentialsFor(ROLE.id) as ServedCredentials;
    expect(refreshed).not.toBe(first);
    expect(refreshed.credentials.accessKeyId.reveal()).toBe('ASIAREFRESHED0000002');
    expect(sessions.credentialsFor(ROLE.id)).toBe(refreshed);
    // The role's ARN edited in the catalog: the same keys, a new answer naming the new ARN.
    role = { ...ROLE, roleArn: 'arn:aws:iam::210987654321:role/dev2' };
    const renamed = sessions.credentialsFor(ROLE.id) as ServedCredentials;
    expect(renamed).not.toBe(refreshed);
    expect(renamed.roleArn).toBe(role.roleArn);
  });
});
