import type { RoleEntry } from '../../../shared/model';
import type { RoundContext } from '../session/round-context';
import type { AssumedRole } from '../sts/sts-gateway';
import type { SSOClient } from '@aws-sdk/client-sso';
import { createPortalClient } from './portal-client';
import { getRoleCredentials } from './portal-credentials';
import { SsoSignInNeeded } from './sso-errors';
import type { SsoAccessToken, SsoTokenKeeper } from './sso-token-keeper';

type SsoSource = Extract<RoleEntry['source'], { kind: 'sso' }>;

/**
 * An Identity Center role's session: GetRoleCredentials with its session's
 * access token (no AssumeRole). Within a round, every role of one session
 * shares one token. A token the portal refuses (401: revoked, or expired early)
 * is refreshed once and the call retried; refused again, the roles of that
 * session need a sign-in.
 */
export class SsoRoleSessions {
  readonly #keeper: SsoTokenKeeper;
  readonly #ca: () => Promise<string | undefined>;

  constructor(keeper: SsoTokenKeeper, ca: () => Promise<string | undefined>) {
    this.#keeper = keeper;
    this.#ca = ca;
  }

  async assume(
    role: RoleEntry,
    source: SsoSource,
    round?: RoundContext,
    signal?: AbortSignal,
  ): Promise<AssumedRole> {
    const token = (force: boolean): Promise<SsoAccessToken> => {
      const fetch = () => this.#keeper.token(source.session, undefined, force);
      const key = `sso-token:${force ? 'forced:' : ''}${source.session}`;
      return round ? round.shared(key, fetch) : fetch();
    };
    const ca = await this.#ca();
    // One portal client per region for the whole round, closed with it.
    const clientFor = (region: string): Promise<SSOClient | undefined> =>
      round
        ? round.shared(`sso-portal:${region}`, async () => {
            const client = createPortalClient({ region, ...(ca ? { ca } : {}) });
            round.onClose(() => client.destroy());
            return client;
          })
        : Promise.resolve(undefined);
    const call = async (access: SsoAccessToken) => {
      const client = await clientFor(access.region);
      return getRoleCredentials({
        region: access.region,
        accessToken: access.accessToken,
        session: source.session,
        accountId: source.accountId,
        roleName: source.roleName,
        ...(signal ? { signal } : {}),
        ...(ca ? { ca } : {}),
        ...(client ? { client } : {}),
      });
    };
    let credentials;
    let used: SsoAccessToken;
    try {
      used = await token(false);
      credentials = await call(used);
    } catch (error) {
      if (!(error instanceof SsoSignInNeeded)) throw error;
      used = await token(true);
      credentials = await call(used);
    }
    return {
      credentials,
      assumedRoleArn: role.roleArn,
      assumedRoleId: '',
      durationSeconds: Math.max(0, Math.round((credentials.expiresAt - Date.now()) / 1000)),
      chained: false,
      signInEndsAt: used.usableUntil,
    };
  }
}
