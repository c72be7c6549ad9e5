import type { RoleEntry, RoleSource } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import type { ConfigProfile } from './config-role-profiles';
import type { ProfileOutcome } from './settle-config-import';

/** What the SDKs accept for credential_source; all mean "the environment's own credentials". */
const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'];

/** The start of the reason every profile in (or leading into) a source_profile loop gets. */
export const LOOP = 'its source_profile chain loops';

export interface SourceLookups {
  /** Whether the config gives this profile a role_arn. */
  readonly isRoleProfile: (name: string) => boolean;
  /** Plans the role profile a source_profile names: its role, or why it has none. */
  readonly planParent: (name: string) => ProfileOutcome;
  /** The catalog role that already writes this profile, if any. */
  readonly writerOf: (profile: string) => RoleEntry | undefined;
}

/**
 * Where a config role profile is assumed from, as the SDKs read its
 * source_profile or credential_source, or the one line saying why it cannot be
 * imported: another role profile becomes a chain from that role, a profile a
 * catalog role writes a chain from that role, any other profile a profile source.
 */
export function configRoleSource(
  profile: ConfigProfile,
  lookups: SourceLookups,
): RoleSource | string {
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
  if (lookups.isRoleProfile(sourceProfile)) {
    const parent = lookups.planParent(sourceProfile);
    if ('reason' in parent) {
      // A loop is reported on every profile in (or leading into) it.
      return parent.reason.startsWith(LOOP)
        ? parent.reason
        : `its source_profile ${quoteValue(sourceProfile)} cannot be imported (see that profile)`;
    }
    return { kind: 'role', roleId: parent.entry.id };
  }
  // A profile a catalog role already writes: chain from that role instead.
  const writer = lookups.writerOf(sourceProfile);
  if (writer) return { kind: 'role', roleId: writer.id };
  return { kind: 'profile', profile: sourceProfile };
}
