import { isDeepStrictEqual } from 'node:util';
import type { RoleEntry } from '../../../shared/model';
import { ROLE_FIELDS } from '../catalog/check-role';
import { DEFINITION_FIELDS } from '../catalog/subscribed-role-rules';

/** The fields the user may change on a subscribed role: kept across syncs once changed. */
export const USER_FIELDS = [
  'label',
  'profile',
  'sessionName',
  'region',
  'mfaSerial',
  'color',
  'group',
  'tags',
] as const;

type Mutable = { -readonly [K in keyof RoleEntry]?: RoleEntry[K] };

function put(out: Mutable, key: keyof RoleEntry, value: unknown): void {
  if (value === undefined) delete out[key];
  else (out as Record<string, unknown>)[key] = value;
}

/**
 * A subscribed role after a sync, by a three-way merge: `upstream` is the new
 * file's role, `base` the same role in the copy applied last time, `current`
 * the catalog's role. The definition always follows upstream. Each user field
 * follows upstream while the user has not changed it (current equals base),
 * and keeps the user's value once they have; with no base (the applied copy
 * is gone) every user field is kept, so a sync never undoes a touch.
 */
export function mergeSubscribedRole(
  upstream: RoleEntry,
  base: RoleEntry | undefined,
  current: RoleEntry,
  subscription: string,
): RoleEntry {
  const out: Mutable = { ...current };
  for (const key of DEFINITION_FIELDS) put(out, key, upstream[key]);
  for (const key of USER_FIELDS) {
    if (base !== undefined && isDeepStrictEqual(current[key], base[key])) {
      put(out, key, upstream[key]);
    }
  }
  // A role that is no longer Identity Center cannot keep a not-granted mark.
  if (upstream.source.kind !== 'sso') delete out.notGrantedSince;
  out.subscription = subscription;
  return inFieldOrder(out);
}

/**
 * Every value here comes from a checked role (upstream's or the catalog's),
 * so only the key order is normalized (as checkRoleEntry would leave it):
 * re-checking 2,000 roles on every sync costs more than the whole plan.
 */
function inFieldOrder(role: Mutable): RoleEntry {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(ROLE_FIELDS) as (keyof RoleEntry)[]) {
    if (role[key] !== undefined) out[key] = role[key];
  }
  return out as unknown as RoleEntry;
}

/** A role new to the catalog: upstream's, marked with its subscription. */
export function newSubscribedRole(upstream: RoleEntry, subscription: string): RoleEntry {
  return { ...upstream, subscription };
}
