import { isDeepStrictEqual } from 'node:util';
import { InputError } from '../../../shared/input-error';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { RoleGraph } from '../catalog/role-graph';
import { mergeSubscribedRole, newSubscribedRole } from './merge-subscribed-role';

export interface SubscriptionSyncInput {
  readonly name: string;
  /** The catalog's roles now. */
  readonly roles: readonly RoleEntry[];
  /** The subscribed file's roles, checked (readSubscriptionContent). */
  readonly upstream: readonly RoleEntry[];
  /** The roles of the copy applied last time (the merge base); undefined when there is none. */
  readonly base: readonly RoleEntry[] | undefined;
}

export interface HeldBack {
  readonly id: string;
  readonly label: string;
  /** One line: what holds the role back and what to do. */
  readonly reason: string;
}

export interface SubscriptionSyncPlan {
  /** The catalog's roles after the sync, in order (existing places kept, new roles last). */
  readonly roles: readonly RoleEntry[];
  readonly added: readonly RoleEntry[];
  readonly changed: readonly { readonly before: RoleEntry; readonly after: RoleEntry }[];
  readonly removed: readonly RoleEntry[];
  /** Gone upstream but kept: local roles chain from them. */
  readonly kept: readonly HeldBack[];
  /** Upstream roles not brought in (or not updated) because of a conflict. */
  readonly conflicts: readonly HeldBack[];
  readonly unchanged: number;
}

function describe(role: RoleEntry): string {
  return role.subscription === undefined
    ? `local role ${quoteValue(role.label)}`
    : `${quoteValue(role.label)} of subscription ${role.subscription}`;
}

/**
 * Pure: what syncing subscription `name` to `upstream` does to the catalog.
 *
 * The conflict rule is "first claim wins": a role already in the catalog that
 * is not this subscription's (a local role, or another subscription's, which
 * got there first) keeps its id and its profile; the upstream role that wants
 * either is held back and listed with who holds it, never merged or renamed.
 * An upstream role whose placement the catalog refuses (a source profile a
 * role writes, a chain from a role that is not in this subscription, a loop,
 * a chained duration over 1 hour) is held back the same way. A held-back role
 * that was in the catalog keeps its previous version. A role gone upstream is
 * removed, unless local roles chain from it: then it is kept and listed.
 */
export function planSubscriptionSync(input: SubscriptionSyncInput): SubscriptionSyncPlan {
  const { name } = input;
  const owned = new Map<string, RoleEntry>();
  const othersById = new Map<string, RoleEntry>();
  const othersByProfile = new Map<string, RoleEntry>();
  for (const role of input.roles) {
    if (role.subscription === name) owned.set(role.id, role);
    else {
      othersById.set(role.id, role);
      othersByProfile.set(role.profile, role);
    }
  }
  const baseById = new Map(input.base?.map((role) => [role.id, role]));
  const candidates = new Map<string, RoleEntry>();
  const conflicts = new Map<string, HeldBack>();
  const hold = (role: RoleEntry, reason: string): void => {
    conflicts.set(role.id, { id: role.id, label: role.label, reason });
    const current = owned.get(role.id);
    if (current && candidates.get(role.id) !== current) candidates.set(role.id, current);
    else candidates.delete(role.id);
  };
  for (const upstream of input.upstream) {
    const current = owned.get(upstream.id);
    const next = current
      ? mergeSubscribedRole(upstream, baseById.get(upstream.id), current, name)
      : newSubscribedRole(upstream, name);
    candidates.set(next.id, next);
    const byId = othersById.get(next.id);
    const byProfile = othersByProfile.get(next.profile);
    if (byId) hold(next, `its id ${next.id} is taken by ${describe(byId)}`);
    else if (byProfile)
      hold(next, `its profile ${next.profile} is written by ${describe(byProfile)}`);
  }
  const upstreamIds = new Set(input.upstream.map((role) => role.id));
  const kept: HeldBack[] = [];
  const others = input.roles.filter((role) => role.subscription !== name);
  for (const role of owned.values()) {
    if (upstreamIds.has(role.id)) continue;
    const chained = others.filter((o) => o.source.kind === 'role' && o.source.roleId === role.id);
    if (chained.length === 0) continue;
    candidates.set(role.id, role);
    kept.push({
      id: role.id,
      label: role.label,
      reason: `gone upstream, kept: ${chained.map(describe).join(', ')} chain${chained.length === 1 ? 's' : ''} from it`,
    });
  }
  settlePlacement(others, candidates, hold);
  return summarize(input.roles, owned, candidates, conflicts, kept);
}

/** Holds back candidates the catalog would refuse, until every one left is placeable. */
function settlePlacement(
  others: readonly RoleEntry[],
  candidates: Map<string, RoleEntry>,
  hold: (role: RoleEntry, reason: string) => void,
): void {
  for (let changed = true; changed;) {
    changed = false;
    const graph = new RoleGraph([...others, ...candidates.values()]);
    for (const role of [...candidates.values()]) {
      const source = role.source;
      let reason: string | undefined;
      if (source.kind === 'role' && !candidates.has(source.roleId)) {
        reason = `its source role ${source.roleId} is not among this subscription's roles in the catalog`;
      } else {
        try {
          graph.checkPlacement(role, role.id);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          reason = error.message;
        }
      }
      if (reason === undefined) continue;
      const before = candidates.get(role.id);
      hold(role, reason);
      if (candidates.get(role.id) !== before) changed = true;
      if (changed) break;
    }
  }
}

function summarize(
  roles: readonly RoleEntry[],
  owned: ReadonlyMap<string, RoleEntry>,
  candidates: ReadonlyMap<string, RoleEntry>,
  conflicts: ReadonlyMap<string, HeldBack>,
  kept: readonly HeldBack[],
): SubscriptionSyncPlan {
  const added: RoleEntry[] = [];
  const changed: { before: RoleEntry; after: RoleEntry }[] = [];
  const removed: RoleEntry[] = [];
  let unchanged = 0;
  const next: RoleEntry[] = [];
  for (const role of roles) {
    if (!owned.has(role.id)) {
      next.push(role);
      continue;
    }
    const after = candidates.get(role.id);
    if (!after) {
      removed.push(role);
      continue;
    }
    next.push(after);
    if (isDeepStrictEqual(after, role)) unchanged++;
    else changed.push({ before: role, after });
  }
  for (const role of candidates.values()) {
    if (owned.has(role.id)) continue;
    added.push(role);
    next.push(role);
  }
  return {
    roles: next,
    added,
    changed,
    removed,
    kept,
    conflicts: [...conflicts.values()],
    unchanged,
  };
}
