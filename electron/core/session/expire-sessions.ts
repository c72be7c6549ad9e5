import type { RoleEntry } from '../../../shared/model';
import { roleEvent } from '../audit/role-event';
import type { ProfileChange } from '../credentials/credentials-file';
import type { EngineParts } from './engine-strategy';
import type { LiveEffect } from './live-session';
import { oneLine } from './session-failure';

/** The profile removals among a transition's effects. */
export function removalsIn(effects: readonly LiveEffect[]): ProfileChange[] {
  return effects.flatMap((e) =>
    e.kind === 'remove-profile' ? [{ type: 'remove', profile: e.profile } as const] : [],
  );
}

/** Applies changes, telling (not throwing) a failure; true when they were written. */
export async function writeQuietly(
  parts: EngineParts,
  changes: readonly ProfileChange[],
): Promise<boolean> {
  try {
    await parts.deps.credentials.apply(changes);
    return true;
  } catch (error) {
    parts.publisher.tell({
      kind: 'failed',
      roleId: parts.deps.catalog.list()[0]?.id ?? '',
      title: 'Switchyard could not update the credentials file',
      body: oneLine(error),
    });
    return false;
  }
}

/**
 * Sessions whose expiry passed unrenewed: each goes to `expired`, and with
 * removeExpiredProfiles its profiles (and `[default]`) leave the credentials
 * file in one write, each removal told to the audit trail.
 */
export async function expireSessions(
  parts: EngineParts,
  roleIds: readonly string[],
  persist: (roleIds: readonly string[]) => Promise<void>,
): Promise<void> {
  const { deps, sessions, publisher } = parts;
  const { removeExpiredProfiles } = deps.catalog.settings();
  const now = deps.clock.now();
  const defaultId = deps.catalog.defaultRoleId();
  const effects: LiveEffect[] = [];
  const removed: RoleEntry[] = [];
  for (const id of roleIds) {
    const live = sessions.get(id);
    const role = deps.catalog.find(id);
    if (!live || !role || live.expiresAt === undefined || live.expiresAt > now) continue;
    const event = { type: 'expired', removeProfiles: removeExpiredProfiles } as const;
    const wrote = { ...role, profile: live.profile ?? role.profile }; // the profile it wrote
    const roleEffects = sessions.apply({ ...event, isDefault: defaultId === id }, wrote);
    if (roleEffects.some((e) => e.kind === 'remove-profile')) removed.push(wrote);
    effects.push(...roleEffects);
  }
  const changes = removalsIn(effects);
  for (const e of effects) if (e.kind === 'notify') publisher.tell(e.notification);
  if (changes.length > 0) {
    const outcome = (await writeQuietly(parts, changes)) ? 'ok' : 'error';
    for (const role of removed) {
      deps.audit?.(
        roleEvent('expire-removed', outcome, role, {
          ...(outcome === 'error' ? { errorCode: 'CredentialsFile' } : {}),
          findRole: (id) => deps.catalog.find(id),
        }),
      );
    }
  }
  await persist(roleIds).catch(() => undefined);
  publisher.emit();
}
