import { LongTermKeys } from '../secrets/long-term-keys';
import { MfaSessionCache } from '../secrets/mfa-session-cache';
import { openSsoParts, type SsoEngineParts } from '../sso/open-sso-role-sessions';
import type { LiveSessions } from './live-sessions';
import { RoleAssumer } from './role-assumer';
import type { SessionManagerDeps } from './session-deps';
import { SourceResolver } from './source-resolver';

/**
 * Where an engine's sessions come from: STS for roles assumed from a source
 * (profile, keychain keys, default chain, another role's live session, with
 * MFA sessions kept in the keychain) and Identity Center's portal for SSO
 * roles. The SSO parts come back too: the refresher watches their tokens.
 */
export function createEngineAssumer(
  deps: SessionManagerDeps,
  sessions: LiveSessions,
): { readonly assumer: RoleAssumer; readonly sso: SsoEngineParts } {
  const mfaCache = new MfaSessionCache(deps.secrets);
  const resolver = new SourceResolver({
    find: (id) => deps.catalog.find(id),
    sessions,
    credentialsPath: deps.credentialsPath,
    configPath: deps.configPath,
    env: deps.env,
    clock: deps.clock,
    createGateway: deps.createGateway,
    ...(deps.requestTimeoutMs ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
    mfaCache,
    keys: new LongTermKeys(deps.secrets),
  });
  const sso = openSsoParts(deps);
  return {
    assumer: new RoleAssumer(
      resolver,
      mfaCache,
      deps.createGateway,
      sso.roles,
      (id) => deps.catalog.find(id),
      deps.audit,
    ),
    sso,
  };
}
