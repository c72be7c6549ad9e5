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

  constructor(roles: readonly RoleEntry[]) {
    for (const role of roles) this.add(role);
  }

  /** Appends a role to the end of the list. */
  add(role: RoleEntry): void {
    push(this.#byId, role.id, role);
    if (!this.#firstById.has(role.id)) this.#firstById.set(role.id, role);
    push(this.#byProfile, role.profile, role);
    if (role.source.kind === 'profile') push(this.#bySourceProfile, role.source.profile, role);
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
          `to assume this role from that session, make its source the role ${writer.id} (role chaining)`,
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
