import type { RoleEntry } from '../../../shared/model';
import { profileSession, readCredentialsDocument } from '../credentials/profile-session';
import type { SessionCredentials } from '../secret';
import type { CredentialSource } from '../sts/sts-gateway';

/**
 * The identity that an MFA session belongs to: one GetSessionToken session per
 * source, shared by every role assumed from it. Undefined where MFA cannot apply
 * (chaining from another role: its session already carries or lacks MFA).
 */
export function mfaSourceKey(role: RoleEntry): string | undefined {
  switch (role.source.kind) {
    case 'profile':
      return `profile:${role.source.profile}`;
    case 'keys':
      return `keys:${role.source.name}`;
    case 'default':
      return 'default';
    // Chained from another role, or an Identity Center role (its sign-in is the
    // identity provider's business, MFA included): no MFA session of ours.
    case 'role':
    case 'sso':
      return undefined;
    default: {
      const never: never = role.source;
      return never;
    }
  }
}

/** Credentials as a CredentialSource the STS gateway can call with. */
export function sessionAsSource(credentials: SessionCredentials): CredentialSource {
  return {
    kind: 'keys',
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  };
}

/**
 * A managed profile's session straight from the credentials file: after a
 * restart the manager has no session in memory, and a role chained from it
 * needs one. Read fresh each time (never the SDK's per-process cache).
 */
export async function readProfileSession(
  credentialsPath: string,
  profile: string,
  expiresAt: number,
): Promise<SessionCredentials | undefined> {
  const doc = await readCredentialsDocument(credentialsPath);
  return doc && profileSession(doc, profile, expiresAt);
}
