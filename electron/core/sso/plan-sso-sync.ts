import { isDeepStrictEqual } from 'node:util';
import { InputError } from '../../../shared/input-error';
import type { RoleEntry } from '../../../shared/model';
import { ssoRoleArn } from '../../../shared/sso-role-arn';
import { checkSsoAccountId, checkSsoRoleName } from '../catalog/check-sso-role';
import { derivedRoleId } from '../catalog/role-id';
import {
  ssoGroup,
  ssoImportLabel,
  ssoLabel,
  ssoProfileBase,
  uniqueProfile,
} from './sso-role-naming';

/** One account-and-role the portal grants (the shape of the portal's PortalAssignment). */
export interface SsoAssignment {
  readonly accountId: string;
  readonly accountName: string;
  readonly roleName: string;
}

export interface SsoSyncInput {
  /** Every role of the catalog (other sessions' and non-sso roles are left alone but named around). */
  readonly roles: readonly RoleEntry[];
  /** The [sso-session] whose grants these are. */
  readonly session: string;
  readonly assignments: readonly SsoAssignment[];
  /** Epoch ms: the `notGrantedSince` of roles found gone by this sync. */
  readonly now: number;
  /** The SSO region, for the partition of new roles' ARNs (aws when absent). */
  readonly region?: string;
  /** Profile names new roles must not take besides the catalog's (e.g. ~/.aws/config's own). */
  readonly takenProfiles?: Iterable<string>;
}

export interface SsoSyncChange {
  readonly before: RoleEntry;
  readonly after: RoleEntry;
}

export interface SsoSyncSkip {
  readonly accountId: string;
  readonly roleName: string;
  /** One line: why the catalog cannot hold this assignment. */
  readonly reason: string;
}

export interface SsoSyncPlan {
  readonly session: string;
  /** New assignments, as new roles. */
  readonly add: readonly RoleEntry[];
  /** Roles of this session whose account name changed, or that are granted again. */
  readonly update: readonly SsoSyncChange[];
  /** Roles of this session no longer granted: kept, marked with notGrantedSince. */
  readonly gone: readonly SsoSyncChange[];
  /** Roles of this session the sync leaves as they are. */
  readonly unchanged: number;
  /** Assignments the catalog cannot hold (an account id or role name it refuses). */
  readonly skipped: readonly SsoSyncSkip[];
}

const key = (accountId: string, roleName: string) => `${accountId}\u0000${roleName}`;

function problem(assignment: SsoAssignment): string | undefined {
  try {
    checkSsoAccountId(assignment.accountId);
    checkSsoRoleName(assignment.roleName);
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}

/** The role granted by `assignment`, as it was: group and an unedited label follow the account name. */
function refreshed(role: RoleEntry, assignment: SsoAssignment): RoleEntry {
  const { accountId, accountName, roleName } = assignment;
  const out: { -readonly [K in keyof RoleEntry]?: RoleEntry[K] } = { ...role };
  // The label the last sync gave it (from the account name it recorded as the
  // group), or the one `roles import` gave it before any sync (no group yet).
  const generated =
    role.group === undefined
      ? role.importedFrom !== undefined && role.label === ssoImportLabel(role.importedFrom)
      : role.label === ssoLabel(role.group, accountId, roleName);
  if (generated) out.label = ssoLabel(accountName, accountId, roleName);
  out.group = ssoGroup(accountName, accountId);
  delete out.notGrantedSince;
  return out as RoleEntry;
}

/**
 * What syncing one session's grants into the catalog does, without doing it.
 * Pure and linear in the number of roles and assignments. Roles match by
 * (session, account id, role name). A granted assignment with no role becomes
 * one (label, group, profile and id derived from it; no region: a role's region
 * is the default for its profile, which the SSO region does not imply). A
 * matched role gets the account's current name as its group, and as its label
 * unless the user edited it; its colour, tags, profile and region are the
 * user's. A role no longer granted gets notGrantedSince (once), cleared when
 * granted again. Roles of other sessions and other sources are never touched.
 */
export function planSsoSync(input: SsoSyncInput): SsoSyncPlan {
  const { roles, session, now } = input;
  const mine = new Map<string, RoleEntry[]>();
  const ids = new Set<string>();
  const profiles = new Set<string>(input.takenProfiles ?? []);
  for (const role of roles) {
    ids.add(role.id);
    profiles.add(role.profile);
    if (role.source.kind === 'profile') profiles.add(role.source.profile);
    if (role.source.kind !== 'sso' || role.source.session !== session) continue;
    const k = key(role.source.accountId, role.source.roleName);
    const list = mine.get(k);
    if (list) list.push(role);
    else mine.set(k, [role]);
  }

  const add: RoleEntry[] = [];
  const update: SsoSyncChange[] = [];
  const gone: SsoSyncChange[] = [];
  const skipped: SsoSyncSkip[] = [];
  let unchanged = 0;
  const granted = new Set<string>();
  for (const assignment of input.assignments) {
    const { accountId, accountName, roleName } = assignment;
    const k = key(accountId, roleName);
    if (granted.has(k)) continue; // the portal listed it twice
    granted.add(k);
    const existing = mine.get(k);
    if (existing) {
      for (const before of existing) {
        const after = refreshed(before, assignment);
        if (isDeepStrictEqual(before, after)) unchanged++;
        else update.push({ before, after });
      }
      continue;
    }
    const reason = problem(assignment);
    if (reason !== undefined) {
      skipped.push({ accountId, roleName, reason });
      continue;
    }
    const id = derivedRoleId(`sso:${session}:${accountId}:${roleName}`, ids);
    ids.add(id);
    add.push({
      id,
      label: ssoLabel(accountName, accountId, roleName),
      roleArn: ssoRoleArn(accountId, roleName, input.region),
      profile: uniqueProfile(ssoProfileBase(accountName, accountId, roleName), profiles),
      source: { kind: 'sso', session, accountId, roleName },
      group: ssoGroup(accountName, accountId),
      tags: [],
    });
  }
  for (const [k, list] of mine) {
    if (granted.has(k)) continue;
    for (const before of list) {
      if (before.notGrantedSince !== undefined) unchanged++;
      else gone.push({ before, after: { ...before, notGrantedSince: now } });
    }
  }
  return { session, add, update, gone, unchanged, skipped };
}
