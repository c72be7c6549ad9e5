import { inputError } from '../../../shared/check-text';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { ROLE_FIELDS, SOURCE_FIELDS } from './check-role';

/** AWS caps a session assumed from another role's session (role chaining) at 1 hour. */
export const MAX_CHAINED_DURATION_SECONDS = 3600;

function named(role: RoleEntry): string {
  return `${quoteValue(role.label)} (id ${role.id})`;
}

/** The roles whose source is `id` (they chain from it). */
export function dependentsOf(roles: readonly RoleEntry[], id: string): RoleEntry[] {
  return roles.filter((role) => role.source.kind === 'role' && role.source.roleId === id);
}

/**
 * The chain `entry` would start if it were in the catalog, when that chain
 * comes back to `entry`: [entry, source, source's source, …, entry].
 */
export function findChainLoop(
  entry: RoleEntry,
  others: readonly RoleEntry[],
): RoleEntry[] | undefined {
  return chainLoop(entry, new Map(others.map((role) => [role.id, role])));
}

/** findChainLoop with the other roles by id (`entry` itself may be among them: never looked up). */
function chainLoop(
  entry: RoleEntry,
  byId: ReadonlyMap<string, RoleEntry>,
): RoleEntry[] | undefined {
  const path = [entry];
  const seen = new Set<string>();
  let source = entry.source;
  while (source.kind === 'role') {
    if (source.roleId === entry.id) return [...path, entry];
    const next = byId.get(source.roleId);
    // A missing source or a loop that does not pass through `entry` is reported elsewhere.
    if (!next || seen.has(next.id)) return undefined;
    seen.add(next.id);
    path.push(next);
    source = next.source;
  }
  return undefined;
}

/** Unique id and unique target profile among `others`. */
export function checkRoleUnique(entry: RoleEntry, others: readonly RoleEntry[]): void {
  new RoleGraph(others).checkUnique(entry);
}

/**
 * The catalog-wide rules for one role, checked against all the others (which
 * must not include it): unique id and target profile, an existing source role,
 * no chaining loop, no source profile that a catalog role writes (either way
 * round: chaining goes through `{ kind: 'role' }`, so the refresh order and
 * the 1-hour cap are known), and that cap for chained roles. Throws an InputError naming the field.
 */
export function checkRolePlacement(entry: RoleEntry, others: readonly RoleEntry[]): void {
  new RoleGraph(others).checkPlacement(entry);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A list of roles indexed once by id, target profile and source profile, so
 * that checking every role of a catalog against all the others is linear, not
 * N scans of N roles (a 5,000-role catalog took seconds to open). Lookups give
 * the first match in list order, as scanning the list would.
 */
export class RoleGraph {
  readonly #byId = new Map<string, RoleEntry[]>();
  readonly #firstById = new Map<string, RoleEntry>();
  readonly #byProfile = new Map<string, RoleEntry[]>();
  readonly #bySourceProfile = new Map<string, RoleEntry[]>();
  /** Each id's place in the list: where its first role was added. */
  readonly #position = new Map<string, number>();

  constructor(roles: readonly RoleEntry[]) {
    for (const role of roles) this.add(role);
  }

  /** Appends a role to the end of the list. */
  add(role: RoleEntry): void {
    if (!this.#position.has(role.id)) this.#position.set(role.id, this.#position.size);
    push(this.#byId, role.id, role);
    if (!this.#firstById.has(role.id)) this.#firstById.set(role.id, role);
    push(this.#byProfile, role.profile, role);
    if (role.source.kind === 'profile') push(this.#bySourceProfile, role.source.profile, role);
  }

  /**
   * Puts `role` in place of the roles with its id (as `Map.set` does to a
   * catalog keyed by id), or appends it when there is none. The replaced role
   * keeps the id's place, so every lookup (and which role an error names when
   * several match) is what a graph built afresh from that catalog would give.
   */
  set(role: RoleEntry): void {
    const previous = this.#byId.get(role.id);
    if (!previous) return this.add(role);
    this.#byId.set(role.id, [role]);
    this.#firstById.set(role.id, role);
    const sourceProfile = (entry: RoleEntry) =>
      entry.source.kind === 'profile' ? entry.source.profile : undefined;
    const newSource = sourceProfile(role);
    let placedProfile = false;
    let placedSource = false;
    for (const old of previous) {
      const keepProfile: boolean = !placedProfile && old.profile === role.profile;
      this.#replaceIn(this.#byProfile, old.profile, old, keepProfile ? role : undefined);
      placedProfile ||= keepProfile;
      const oldSource = sourceProfile(old);
      if (oldSource === undefined) continue;
      const keepSource: boolean = !placedSource && newSource === oldSource;
      this.#replaceIn(this.#bySourceProfile, oldSource, old, keepSource ? role : undefined);
      placedSource ||= keepSource;
    }
    if (!placedProfile) this.#insertInOrder(this.#byProfile, role.profile, role);
    if (newSource !== undefined && !placedSource) {
      this.#insertInOrder(this.#bySourceProfile, newSource, role);
    }
  }

  /**
   * Lists are in catalog order, so a role's place in one is found by binary
   * search on positions (a re-import replaces thousands of roles that all read
   * one source profile). The first index of a role placed at or after `position`.
   */
  #lowerBound(list: readonly RoleEntry[], position: number): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#position.get(list[mid]!.id) ?? Number.POSITIVE_INFINITY) < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Puts `next` where `old` was in the list under `key`, or drops `old` when there is no `next`. */
  #replaceIn(
    map: Map<string, RoleEntry[]>,
    key: string,
    old: RoleEntry,
    next: RoleEntry | undefined,
  ): void {
    const list = map.get(key);
    if (!list) return;
    let at = this.#lowerBound(list, this.#position.get(old.id) ?? Number.POSITIVE_INFINITY);
    while (at < list.length && list[at] !== old) at++; // roles sharing an id share a position
    if (at >= list.length) at = list.indexOf(old); // a list out of order (repeated ids)
    if (at < 0) return;
    if (next === undefined) list.splice(at, 1);
    else list[at] = next;
    if (list.length === 0) map.delete(key);
  }

  /** Adds a replaced role to a list at its catalog position, so lookups match a fresh graph. */
  #insertInOrder(map: Map<string, RoleEntry[]>, key: string, role: RoleEntry): void {
    const list = map.get(key);
    if (!list) return void map.set(key, [role]);
    const position = this.#position.get(role.id) ?? Number.POSITIVE_INFINITY;
    list.splice(this.#lowerBound(list, position + 1), 0, role);
  }

  /**
   * checkRoleUnique against the graph's roles, leaving out those with the id
   * `exceptId` (the role itself, when the graph is the whole catalog).
   */
  checkUnique(entry: RoleEntry, exceptId?: string): void {
    const sameId = entry.id === exceptId ? undefined : this.#byId.get(entry.id)?.[0];
    if (sameId) {
      throw inputError(
        ROLE_FIELDS.id,
        `${quoteValue(entry.id)} is already the id of ${named(sameId)}`,
        'give each role its own id',
      );
    }
    const sameProfile = first(this.#byProfile.get(entry.profile), exceptId);
    if (sameProfile) {
      throw inputError(
        ROLE_FIELDS.profile,
        `${quoteValue(entry.profile)} is already written by ${named(sameProfile)}`,
        'two roles cannot share one profile; choose another profile name',
      );
    }
  }

  /** checkRolePlacement against the graph's roles, leaving out those with the id `exceptId`. */
  checkPlacement(entry: RoleEntry, exceptId?: string): void {
    this.checkUnique(entry, exceptId);
    const reader = first(this.#bySourceProfile.get(entry.profile), exceptId);
    if (reader) {
      throw inputError(
        ROLE_FIELDS.profile,
        `${quoteValue(entry.profile)} is the source profile of ${named(reader)}`,
        `choose another profile name, or make ${quoteValue(reader.label)} chain from this role instead`,
      );
    }
    const { source } = entry;
    if (source.kind === 'profile') {
      if (source.profile === entry.profile) {
        throw inputError(
          SOURCE_FIELDS.profile,
          `${quoteValue(source.profile)} is the profile this role writes its own session to`,
          'assume the role from another profile',
        );
      }
      const writer = first(this.#byProfile.get(source.profile), exceptId);
      if (writer) {
        throw inputError(
          SOURCE_FIELDS.profile,
          `${quoteValue(source.profile)} holds the session of ${named(writer)}`,
          `to assume this role from that session, make its source the role ${named(writer)} (role chaining)`,
        );
      }
    }
    if (source.kind === 'role') {
      if (source.roleId === entry.id) {
        throw inputError(
          SOURCE_FIELDS.role,
          'a role cannot chain from itself',
          'choose another role or a profile as its source',
        );
      }
      // source.roleId differs from entry.id, and so from exceptId when that is the role's own.
      if (first(this.#byId.get(source.roleId), exceptId) === undefined) {
        throw inputError(
          SOURCE_FIELDS.role,
          `no role has the id ${quoteValue(source.roleId)}`,
          'choose a role that is in the catalog',
        );
      }
      const loop = chainLoop(entry, this.#firstById);
      if (loop) {
        const chain = loop.map((role) => quoteValue(role.label)).join(' → ');
        throw inputError(
          SOURCE_FIELDS.role,
          `chaining makes a loop: ${chain}`,
          `choose a source that does not lead back to ${quoteValue(entry.label)}`,
        );
      }
      if (
        entry.durationSeconds !== undefined &&
        entry.durationSeconds > MAX_CHAINED_DURATION_SECONDS
      ) {
        throw inputError(
          ROLE_FIELDS.durationSeconds,
          `${entry.durationSeconds} seconds is more than 1 hour, the most AWS allows for a role assumed from another role's session (role chaining)`,
          `use ${MAX_CHAINED_DURATION_SECONDS} or less`,
        );
      }
    }
  }
}

/** The first role of `list` whose id is not `exceptId`. */
function first(
  list: readonly RoleEntry[] | undefined,
  exceptId: string | undefined,
): RoleEntry | undefined {
  return list?.find((role) => role.id !== exceptId);
}
