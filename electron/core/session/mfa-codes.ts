import type { EngineParts } from './engine-strategy';
import { chainOf } from './role-chains';
import { mfaSourceKey } from './role-sources';

/**
 * Uses an MFA code for `roleId`: one GetSessionToken for the source identity
 * its chain starts from, cached in the keychain and shared by every role of
 * that identity. Returns the roles to renew now: the role's chain and every
 * role that was waiting on that identity. A role that needs no MFA ignores the
 * code (as a command with no refresher does). `used` skips identities this
 * batch already gave a code (one code, one GetSessionToken).
 */
export async function takeMfaCode(
  parts: Pick<EngineParts, 'deps' | 'sessions' | 'assumer'>,
  roleId: string,
  tokenCode: string,
  used: Set<string> = new Set(),
): Promise<string[]> {
  const { deps, sessions, assumer } = parts;
  const chain = chainOf(
    deps.catalog.get(roleId),
    (id) => deps.catalog.find(id),
    (id) => sessions.get(id)?.state === 'active',
  );
  const ids = chain.map((r) => r.id);
  const root = chain.find((r) => r.mfaSerial !== undefined && mfaSourceKey(r) !== undefined);
  const sourceKey = root ? mfaSourceKey(root) : undefined;
  if (!root?.mfaSerial || !sourceKey) return ids;
  if (!used.has(sourceKey)) {
    await assumer.mfaSession(root, sourceKey, { serialNumber: root.mfaSerial, tokenCode });
    used.add(sourceKey);
  }
  const waiting = sessions.mfaWaitingOn(sourceKey)?.roleIds ?? [];
  sessions.endMfaWait(sourceKey);
  return [...new Set([...waiting, ...ids])];
}
