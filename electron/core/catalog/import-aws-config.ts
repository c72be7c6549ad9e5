import { isDeepStrictEqual } from 'node:util';
import { inputError } from '../../../shared/check-text';
import { InputError } from '../../../shared/input-error';
import type { RoleEntry, RoleSource } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { checkProfileName } from '../../../shared/validate';
import type { CatalogStore, UpsertResult } from './catalog-store';
import { checkRoleEntry, ROLE_FIELDS, SOURCE_FIELDS } from './check-role';
import {
  CREDENTIAL_PROVIDER_KEYS,
  readConfigProfiles,
  type ConfigProfile,
} from './config-role-profiles';
import { RoleGraph } from './role-graph';
import { derivedRoleId } from './role-id';

/**
 * Importing roles from ~/.aws/config. A config profile with `role_arn` cannot
 * itself receive Switchyard's keys: both SDKs would assume the role from the
 * config and ignore keys written under that name. So every imported role
 * writes to a distinct target profile, by default `<name>-switchyard`
 * (`prod` → `prod-switchyard`); the caller may choose another rule, and the
 * plan shows each target before anything is written. A re-import keeps the
 * target (and label, colour, group, tags) the role already has.
 */

export const IMPORT_PROFILE_SUFFIX = '-switchyard';

/** The default target profile for a config profile: `<name>-switchyard`. */
export function importTargetProfile(configProfile: string): string {
  return `${configProfile}${IMPORT_PROFILE_SUFFIX}`;
}

export interface ConfigImportOptions {
  /** The profile an imported role writes its session to. Default importTargetProfile. */
  readonly targetProfile?: (configProfile: string) => string;
}

export interface ConfigImportUpdate {
  readonly before: RoleEntry;
  readonly after: RoleEntry;
  /** The fields that differ, for the preview. */
  readonly changed: readonly (keyof RoleEntry)[];
}

export interface ConfigImportSkip {
  /** The config profile name. */
  readonly profile: string;
  /** One line, saying what to change in the config (or that nothing changed). */
  readonly reason: string;
}

export interface ConfigImportPlan {
  readonly toAdd: readonly RoleEntry[];
  readonly toUpdate: readonly ConfigImportUpdate[];
  readonly skipped: readonly ConfigImportSkip[];
}

/** What the SDKs accept for credential_source; all mean "the environment's own credentials". */
const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'];

const MAX_LABEL = 64;

const LOOP = 'its source_profile chain loops';

/** Field names in errors → the config keys the user has to fix. */
const CONFIG_KEY_FOR_FIELD: Readonly<Record<string, string>> = {
  [ROLE_FIELDS.roleArn]: 'role_arn',
  [ROLE_FIELDS.externalId]: 'external_id',
  [ROLE_FIELDS.sessionName]: 'role_session_name',
  [ROLE_FIELDS.durationSeconds]: 'duration_seconds',
  [ROLE_FIELDS.region]: 'region',
  [ROLE_FIELDS.mfaSerial]: 'mfa_serial',
  [SOURCE_FIELDS.profile]: 'source_profile',
  [SOURCE_FIELDS.role]: 'source_profile',
  [ROLE_FIELDS.importedFrom]: 'profile name',
  [ROLE_FIELDS.label]: 'profile name',
  [ROLE_FIELDS.profile]: 'target profile',
};

type Outcome = { readonly entry: RoleEntry } | { readonly reason: string };

function labelFor(name: string): string {
  const chars = [...name];
  return chars.length <= MAX_LABEL ? name : `${chars.slice(0, MAX_LABEL - 1).join('')}…`;
}

/** "role ARN: x is not an ARN; …" → "role_arn: x is not an ARN; …". */
function reasonFrom(error: InputError): string {
  const key = CONFIG_KEY_FOR_FIELD[error.field];
  const head = `${error.field}: `;
  if (key === undefined || !error.message.startsWith(head)) return error.message;
  return `${key}: ${error.message.slice(head.length)}`;
}

function changedFields(before: RoleEntry, after: RoleEntry): (keyof RoleEntry)[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof RoleEntry>;
  return [...keys].filter((key) => !isDeepStrictEqual(before[key], after[key]));
}

/**
 * What importing `configText` (a ~/.aws/config) into a catalog holding
 * `existingRoles` would do, without doing it: profiles with `role_arn` become
 * roles; a profile imported before is updated (matched on `importedFrom`);
 * anything the catalog would refuse is skipped with the reason. Pure: the
 * same input gives the same plan, ids included.
 */
export function planConfigImport(
  configText: string,
  existingRoles: readonly RoleEntry[],
  options: ConfigImportOptions = {},
): ConfigImportPlan {
  const targetProfile = options.targetProfile ?? importTargetProfile;
  const profiles = readConfigProfiles(configText);
  const isRoleProfile = (name: string): boolean =>
    profiles.get(name)?.values.has('role_arn') ?? false;
  const providerProfiles = new Set(
    [...profiles.values()]
      .filter((profile) => CREDENTIAL_PROVIDER_KEYS.some((key) => profile.values.has(key)))
      .map((profile) => profile.name),
  );
  const byImport = new Map(
    existingRoles.flatMap((role) =>
      role.importedFrom ? [[role.importedFrom, role] as const] : [],
    ),
  );
  const byTarget = new Map(existingRoles.map((role) => [role.profile, role]));
  const takenIds = new Set(existingRoles.map((role) => role.id));
  const outcomes = new Map<string, Outcome>();
  /** Profiles in the order their planning finished: every source before the roles chained from it. */
  const finished: string[] = [];

  const plan = (name: string, trail: readonly string[]): Outcome => {
    const known = outcomes.get(name);
    if (known) return known;
    const start = trail.indexOf(name);
    if (start !== -1) {
      return { reason: `${LOOP}: ${[...trail.slice(start), name].join(' → ')}` };
    }
    const outcome = build(profiles.get(name) as ConfigProfile, [...trail, name]);
    outcomes.set(name, outcome);
    finished.push(name);
    return outcome;
  };

  const resolveSource = (profile: ConfigProfile, trail: readonly string[]): RoleSource | string => {
    const sourceProfile = profile.values.get('source_profile');
    const credentialSource = profile.values.get('credential_source');
    if (sourceProfile !== undefined && credentialSource !== undefined) {
      return 'it sets both source_profile and credential_source; the SDKs need exactly one';
    }
    if (sourceProfile === undefined && credentialSource === undefined) {
      return 'it has neither source_profile nor credential_source, so there is nothing to assume it from';
    }
    if (sourceProfile === undefined) {
      if (!CREDENTIAL_SOURCES.includes(credentialSource as string)) {
        return `credential_source ${quoteValue(credentialSource as string)} is not Environment, Ec2InstanceMetadata or EcsContainer`;
      }
      // The environment's own credentials: what the SDK's default chain finds.
      return { kind: 'default' };
    }
    if (sourceProfile === profile.name) {
      return 'its source_profile is itself (keys kept inside a role profile); move the keys to a profile of their own';
    }
    if (isRoleProfile(sourceProfile)) {
      const parent = plan(sourceProfile, trail);
      if ('reason' in parent) {
        // A loop is reported on every profile in (or leading into) it.
        return parent.reason.startsWith(LOOP)
          ? parent.reason
          : `its source_profile ${quoteValue(sourceProfile)} cannot be imported (see that profile)`;
      }
      return { kind: 'role', roleId: parent.entry.id };
    }
    // A profile a catalog role already writes: chain from that role instead.
    const writer = byTarget.get(sourceProfile);
    if (writer) return { kind: 'role', roleId: writer.id };
    return { kind: 'profile', profile: sourceProfile };
  };

  const build = (profile: ConfigProfile, trail: readonly string[]): Outcome => {
    if (profile.defect) return { reason: profile.defect };
    // A name the SDKs cannot use is the root cause; say so before its target name fails too.
    try {
      checkProfileName(profile.name, ROLE_FIELDS.importedFrom);
    } catch (error) {
      if (error instanceof InputError) return { reason: reasonFrom(error) };
      throw error;
    }
    const source = resolveSource(profile, trail);
    if (typeof source === 'string') return { reason: source };
    const existing = byImport.get(profile.name);
    let target: string;
    try {
      target = existing?.profile ?? targetProfile(profile.name);
    } catch (error) {
      if (error instanceof InputError) return { reason: reasonFrom(error) };
      throw error;
    }
    const values = profile.values;
    const id = existing?.id ?? derivedRoleId(`aws-config:${profile.name}`, takenIds);
    takenIds.add(id);
    let entry: RoleEntry;
    try {
      entry = checkRoleEntry({
        id,
        label: existing?.label ?? labelFor(profile.name),
        roleArn: values.get('role_arn'),
        profile: target,
        source,
        externalId: values.get('external_id'),
        sessionName: values.get('role_session_name'),
        durationSeconds: values.get('duration_seconds'),
        region: values.get('region'),
        mfaSerial: values.get('mfa_serial'),
        color: existing?.color,
        group: existing?.group,
        tags: existing?.tags ?? [],
        importedFrom: profile.name,
      });
    } catch (error) {
      if (error instanceof InputError) return { reason: reasonFrom(error) };
      throw error;
    }
    if (providerProfiles.has(entry.profile)) {
      return {
        reason: `target profile ${quoteValue(entry.profile)} is a profile the config gives credentials to (role_arn, SSO or credential_process), so the SDKs would ignore Switchyard's keys there; choose another target name`,
      };
    }
    return { entry };
  };

  for (const profile of profiles.values()) {
    if (profile.values.has('role_arn')) plan(profile.name, []);
  }

  // Catalog-wide rules, sources first: a role is checked against the catalog
  // plus the roles accepted before it; a role whose source was refused is refused too.
  const skipped: ConfigImportSkip[] = [];
  const catalog = new Map(existingRoles.map((role) => [role.id, role]));
  // One index of the catalog as it grows, not one per role (2,000 roles took 1.4 s).
  const graph = new RoleGraph(existingRoles);
  const accepted: RoleEntry[] = [];
  const importedIds = new Map<string, string>();
  for (const name of finished) {
    const outcome = outcomes.get(name) as Outcome;
    if ('reason' in outcome) {
      skipped.push({ profile: name, reason: outcome.reason });
      continue;
    }
    const { entry } = outcome;
    importedIds.set(entry.id, name);
    const source = entry.source;
    if (source.kind === 'role' && !catalog.has(source.roleId)) {
      const parent = importedIds.get(source.roleId) ?? source.roleId;
      skipped.push({
        profile: name,
        reason: `its source_profile ${quoteValue(parent)} cannot be imported (see that profile)`,
      });
      continue;
    }
    try {
      graph.checkPlacement(entry, entry.id);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      skipped.push({ profile: name, reason: reasonFrom(error) });
      continue;
    }
    catalog.set(entry.id, entry);
    graph.set(entry);
    accepted.push(entry);
  }

  const toAdd: RoleEntry[] = [];
  const toUpdate: ConfigImportUpdate[] = [];
  for (const entry of accepted) {
    const before = byImport.get(entry.importedFrom as string);
    if (!before) toAdd.push(entry);
    else if (isDeepStrictEqual(before, entry)) {
      skipped.push({
        profile: entry.importedFrom as string,
        reason: 'already imported; nothing changed',
      });
    } else toUpdate.push({ before, after: entry, changed: changedFields(before, entry) });
  }
  return { toAdd, toUpdate, skipped };
}

/**
 * Writes a plan from planConfigImport, as one checked write. Refused (nothing
 * written) when the catalog changed since the plan was made.
 */
export function applyConfigImport(
  store: Pick<CatalogStore, 'list' | 'upsertMany'>,
  plan: ConfigImportPlan,
): UpsertResult {
  const current = new Map(store.list().map((role) => [role.id, role]));
  const stale =
    plan.toUpdate.some(
      (update) => !isDeepStrictEqual(current.get(update.before.id), update.before),
    ) || plan.toAdd.some((entry) => current.has(entry.id));
  if (stale) {
    throw inputError(
      'import',
      'the catalog changed after this import was previewed',
      'preview the import again',
    );
  }
  return store.upsertMany([...plan.toAdd, ...plan.toUpdate.map((update) => update.after)]);
}
