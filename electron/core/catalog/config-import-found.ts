import { readConfigProfiles } from './config-role-profiles';
import { isSsoRoleProfile, readConfigSsoSessions } from './config-sso-profiles';

/** What a config file holds that an import could bring in, for the first-run screen. */
export interface ConfigImportFound {
  /** Profiles with a role_arn. */
  readonly roleProfiles: number;
  /** Identity Center role profiles (sso_account_id + sso_role_name). */
  readonly ssoProfiles: number;
  /** `[sso-session …]` sections. */
  readonly ssoSessions: number;
}

export function countImportable(configText: string): ConfigImportFound {
  const profiles = [...readConfigProfiles(configText).values()];
  return {
    roleProfiles: profiles.filter((profile) => profile.values.has('role_arn')).length,
    ssoProfiles: profiles.filter(isSsoRoleProfile).length,
    ssoSessions: readConfigSsoSessions(configText).size,
  };
}
