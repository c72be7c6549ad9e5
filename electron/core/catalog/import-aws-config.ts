import { InputError } from '../../../shared/input-error';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { checkProfileName } from '../../../shared/validate';
import { checkRoleEntry, ROLE_FIELDS } from './check-role';
import { labelFor, reasonFrom } from './config-import-reason';
import { configRoleSource, LOOP } from './config-role-source';
import {
  CREDENTIAL_PROVIDER_KEYS,
  readConfigProfiles,
  type ConfigProfile,
} from './config-role-profiles';
import {
  isSsoRoleProfile,
  readConfigSsoSessions,
  resolveSsoProfile,
  ssoRoleFields,
  ssoSourceKey,
} from './config-sso-profiles';
import { sameRoleIndex } from './same-role-index';
import { derivedRoleId } from './role-id';
import { settleConfigImport, type ProfileOutcome } from './settle-config-import';

/**
 * Importing roles from ~/.aws/config: profiles with `role_arn`, and Identity
 * Center profiles (`sso_account_id` + `sso_role_name`; config-sso-profiles.ts).
 * Such a profile cannot itself receive Switchyard's keys: the SDKs would get
 * credentials from the config and ignore keys written under that name. So every
 * imported role writes to a distinct target profile, by default
 * `<name>-switchyard`; the caller may choose another rule, and the plan shows
 * each target first. A re-import keeps the target (and label, colour, group,
 * tags) the role already has; an SSO profile whose assignment a sync already
 * added links that role instead of adding a second.
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
  /** The label of the catalog role this profile already is (same ARN and source), if any. */
  readonly inCatalog?: string;
}

export interface ConfigImportPlan {
  readonly toAdd: readonly RoleEntry[];
  readonly toUpdate: readonly ConfigImportUpdate[];
  readonly skipped: readonly ConfigImportSkip[];
}

export { applyConfigImport } from './apply-config-import';

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
  // A role a sync made for the same assignment, not yet linked to a config profile.
  const bySsoSource = new Map<string, RoleEntry>();
  for (const role of existingRoles) {
    if (role.source.kind === 'sso' && !role.importedFrom) {
      bySsoSource.set(ssoSourceKey(role.source), role);
    }
  }
  const sameRole = sameRoleIndex(existingRoles);
  const ssoSessions = readConfigSsoSessions(configText);
  const byTarget = new Map(existingRoles.map((role) => [role.profile, role]));
  const takenIds = new Set(existingRoles.map((role) => role.id));
  const outcomes = new Map<string, ProfileOutcome>();
  /** Profiles in the order their planning finished: every source before the roles chained from it. */
  const finished: string[] = [];

  const plan = (name: string, trail: readonly string[]): ProfileOutcome => {
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

  const build = (profile: ConfigProfile, trail: readonly string[]): ProfileOutcome => {
    if (profile.defect) return { reason: profile.defect };
    // A name the SDKs cannot use is the root cause; say so before its target name fails too.
    try {
      checkProfileName(profile.name, ROLE_FIELDS.importedFrom);
    } catch (error) {
      if (error instanceof InputError) return { reason: reasonFrom(error) };
      throw error;
    }
    const sso = isSsoRoleProfile(profile) ? resolveSsoProfile(profile, ssoSessions) : undefined;
    if (typeof sso === 'string') return { reason: sso };
    const source =
      sso?.source ??
      configRoleSource(profile, {
        isRoleProfile: (name) => profiles.get(name)?.values.has('role_arn') ?? false,
        planParent: (name) => plan(name, trail),
        writerOf: (target) => byTarget.get(target),
      });
    if (typeof source === 'string') return { reason: source };
    const existing =
      byImport.get(profile.name) ??
      (source.kind === 'sso' ? bySsoSource.get(ssoSourceKey(source)) : undefined);
    if (!existing && !sso) {
      const known = sameRole(profile.values.get('role_arn'), source);
      if (known) return { entry: known, known: true };
    }
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
      const own = sso
        ? ssoRoleFields(profile, sso, existing)
        : {
            roleArn: values.get('role_arn'),
            source,
            externalId: values.get('external_id'),
            sessionName: values.get('role_session_name'),
            durationSeconds: values.get('duration_seconds'),
            region: values.get('region'),
            mfaSerial: values.get('mfa_serial'),
          };
      entry = checkRoleEntry({
        id,
        label: existing?.label ?? labelFor(profile.name),
        profile: target,
        ...own,
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
    if (profile.values.has('role_arn') || isSsoRoleProfile(profile)) plan(profile.name, []);
  }

  return settleConfigImport(existingRoles, finished, outcomes);
}
