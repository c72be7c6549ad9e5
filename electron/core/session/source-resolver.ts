import type { RoleEntry } from '../../../shared/model';
import { parseRoleArn } from '../../../shared/role-arn';
import type { Clock } from '../refresh/clock';
import type { SessionCredentials } from '../secret';
import type { LongTermKeys } from '../secrets/long-term-keys';
import type { MfaSessionCache } from '../secrets/mfa-session-cache';
import { resolveStsRegion } from '../sts/region';
import { StsError } from '../sts/sts-error';
import {
  stsEndpointFromEnv,
  type CredentialSource,
  type StsGatewayOptions,
} from '../sts/sts-gateway';
import type { LiveSessions } from './live-sessions';
import { mfaSourceKey, readProfileSession, sessionAsSource } from './role-sources';
import type { RoundContext } from './round-context';
import { NeedsMfa } from './session-failure';
import type { StsGatewayLike } from './sts-gateway-like';

/** A source session with less than this left is not used to chain from. */
export const MIN_SOURCE_LIFE_MS = 60_000;

export interface SourceResolverDeps {
  readonly find: (roleId: string) => RoleEntry | undefined;
  readonly sessions: LiveSessions;
  readonly credentialsPath: string;
  readonly configPath: string;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  readonly createGateway: (options: StsGatewayOptions) => StsGatewayLike;
  readonly requestTimeoutMs?: number;
  readonly mfaCache: MfaSessionCache;
  readonly keys: LongTermKeys;
}

/**
 * Where a role's caller credentials and STS region come from: a profile, the
 * default chain, keychain keys, a cached MFA session, or the live session of
 * the role it chains from. Given a RoundContext, what the round already
 * resolved is reused; without one (credential_process, an MFA code) each call
 * resolves afresh.
 */
export class SourceResolver {
  readonly #deps: SourceResolverDeps;

  constructor(deps: SourceResolverDeps) {
    this.#deps = deps;
  }

  /** Options for an STS client; the engine's env, not process.env, decides the endpoint and files. */
  gatewayOptions(
    region: string,
    source: CredentialSource,
    maxAttempts: number,
    timeout = true,
  ): StsGatewayOptions {
    const { env, credentialsPath, configPath, requestTimeoutMs } = this.#deps;
    const endpoint = stsEndpointFromEnv(env);
    return {
      region,
      source,
      ...(endpoint ? { endpoint } : {}),
      sharedFiles: { credentialsPath, configPath },
      maxAttempts,
      ...(timeout && requestTimeoutMs ? { requestTimeoutMs } : {}),
    };
  }

  /** The region depends only on these inputs (the env is fixed), so a round resolves each set once. */
  region(role: RoleEntry, round?: RoundContext): Promise<string> {
    const sourceProfile = role.source.kind === 'profile' ? role.source.profile : undefined;
    const partition = parseRoleArn(role.roleArn).partition;
    const resolve = (): Promise<string> =>
      resolveStsRegion({
        explicit: role.region,
        env: this.#deps.env,
        sourceProfile,
        configPath: this.#deps.configPath,
        credentialsPath: this.#deps.credentialsPath,
        partition,
      });
    if (!round) return resolve();
    const key = JSON.stringify([role.region ?? null, sourceProfile ?? null, partition]);
    return round.region(key, resolve);
  }

  /** The credentials a role is assumed with: its MFA session when it has a serial, else its base source. */
  async source(role: RoleEntry, round?: RoundContext): Promise<CredentialSource> {
    return (await this.sourceAndEnd(role, round)).source;
  }

  /** `source`, and for an MFA session when it ends (so the view can say when renewals stop). */
  async sourceAndEnd(
    role: RoleEntry,
    round?: RoundContext,
  ): Promise<{ readonly source: CredentialSource; readonly mfaEndsAt?: number }> {
    if (role.mfaSerial && role.source.kind !== 'role') {
      const key = mfaSourceKey(role);
      if (key) {
        const session = await this.#deps.mfaCache.get(key, this.#deps.clock.now());
        if (!session) throw new NeedsMfa(key, role.mfaSerial);
        return { source: sessionAsSource(session), mfaEndsAt: session.expiresAt };
      }
    }
    return { source: await this.base(role, round) };
  }

  /** The caller's credentials before MFA: a profile, the default chain, or keychain keys. */
  async base(role: RoleEntry, round?: RoundContext): Promise<CredentialSource> {
    switch (role.source.kind) {
      case 'profile':
        return this.#resolvedOnce(`profile:${role.source.profile}`, role, round, {
          kind: 'profile',
          profile: role.source.profile,
        });
      case 'default':
        return this.#resolvedOnce('default', role, round, { kind: 'default' });
      case 'keys': {
        const keys = await this.#deps.keys.require(role.source.name);
        return {
          kind: 'keys',
          accessKeyId: keys.accessKeyId,
          secretAccessKey: keys.secretAccessKey,
        };
      }
      case 'role':
        return sessionAsSource(await this.#sourceSession(role.source.roleId));
      case 'sso':
        throw new Error('Identity Center roles are not assumed from a source (wired in #12)');
      default: {
        const never: never = role.source;
        return never;
      }
    }
  }

  /** Within a round, a profile (or the default chain) is resolved to keys once; outside, per call. */
  #resolvedOnce(
    key: string,
    role: RoleEntry,
    round: RoundContext | undefined,
    source: CredentialSource,
  ): Promise<CredentialSource> {
    if (!round) return Promise.resolve(source);
    return round.source(key, async () => {
      const region = await this.region(role, round);
      const gateway = this.#deps.createGateway(this.gatewayOptions(region, source, 1, false));
      // Shared by the round's roles, each with its own deadline: a source stuck
      // past all of them (a credential_process that never returns) is closed with the round.
      const adopted = round.adopt(gateway);
      try {
        const keys = await gateway.resolveSourceCredentials();
        return {
          kind: 'keys',
          accessKeyId: keys.accessKeyId,
          secretAccessKey: keys.secretAccessKey,
          ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
        };
      } finally {
        adopted.release();
        gateway.destroy();
      }
    });
  }

  /** The live session of the role another one chains from, if it has a minute or more left. */
  async #sourceSession(sourceRoleId: string): Promise<SessionCredentials> {
    const { sessions, clock, credentialsPath } = this.#deps;
    const source = this.#deps.find(sourceRoleId);
    const live = sessions.get(sourceRoleId);
    const now = clock.now();
    if (source && live) {
      if (live.credentials && live.credentials.expiresAt - now > MIN_SOURCE_LIFE_MS)
        return live.credentials;
      if (live.expiresAt !== undefined && live.expiresAt - now > MIN_SOURCE_LIFE_MS) {
        const fromFile = await readProfileSession(credentialsPath, source.profile, live.expiresAt);
        if (fromFile) {
          sessions.apply({ type: 'holding', credentials: fromFile }, source);
          return fromFile;
        }
      }
    }
    throw new StsError(
      'needs-user',
      'SourceRoleInactive',
      `the role it chains from (${source?.label ?? sourceRoleId}) has no live session; activate that role`,
      undefined,
    );
  }
}
