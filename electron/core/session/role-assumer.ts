import type { RoleEntry } from '../../../shared/model';
import { parseRoleArn } from '../../../shared/role-arn';
import type { SessionCredentials } from '../secret';
import type { MfaSessionCache } from '../secrets/mfa-session-cache';
import { classifyStsError, StsError } from '../sts/sts-error';
import { noAudit, roleEvent, type AuditSink } from '../audit/role-event';
import type { AssumedRole, StsGatewayOptions } from '../sts/sts-gateway';
import { mfaSourceKey } from './role-sources';
import type { RoundContext } from './round-context';
import { NeedsMfa } from './session-failure';
import { defaultSessionName } from './session-name';
import type { SourceResolver } from './source-resolver';
import type { StsGatewayLike } from './sts-gateway-like';
import type { SsoRoleSessions } from '../sso/sso-role-session';

/** IAM users' GetSessionToken default; every role assumed from it is capped at 1 hour anyway. */
const MFA_SESSION_SECONDS = 43_200;

/** The engine's STS calls: AssumeRole for a role, GetSessionToken for an MFA code. */
export class RoleAssumer {
  constructor(
    private readonly sources: SourceResolver,
    private readonly mfaCache: MfaSessionCache,
    private readonly createGateway: (options: StsGatewayOptions) => StsGatewayLike,
    private readonly sso: SsoRoleSessions,
    private readonly findRole: (id: string) => RoleEntry | undefined = () => undefined,
    private readonly audit: AuditSink = noAudit,
  ) {}

  /**
   * One AssumeRole for the role (one attempt: the planner retries with jittered
   * backoff). A rejected MFA session is dropped and turns into NeedsMfa.
   * `signal` (a passed deadline, the engine stopping) ends the call: its own
   * client is destroyed at once, a client shared by the round when it ends.
   */
  async assume(role: RoleEntry, round?: RoundContext, signal?: AbortSignal): Promise<AssumedRole> {
    if (role.source.kind === 'sso') {
      // Identity Center gives the role's own session: no source, no AssumeRole.
      return this.sso.assume(role, role.source, round, signal);
    }
    const { source, mfaEndsAt } = await this.sources.sourceAndEnd(role, round);
    const region = await this.sources.region(role, round);
    signal?.throwIfAborted();
    const create = (): StsGatewayLike =>
      this.createGateway(this.sources.gatewayOptions(region, source, 1));
    const { gateway, shared } = round
      ? round.gateway(source, region, create)
      : { gateway: create(), shared: false };
    const destroy = (): void => gateway.destroy();
    if (!shared) signal?.addEventListener('abort', destroy, { once: true });
    try {
      const request = {
        role: parseRoleArn(role.roleArn),
        sessionName: role.sessionName ?? defaultSessionName(),
        ...(role.durationSeconds !== undefined ? { durationSeconds: role.durationSeconds } : {}),
        ...(role.externalId !== undefined ? { externalId: role.externalId } : {}),
      };
      const assumed = await gateway.assumeRole(request, signal ? { abortSignal: signal } : {});
      return mfaEndsAt === undefined ? assumed : { ...assumed, mfaEndsAt };
    } catch (error) {
      if (error instanceof StsError && error.mfaFailed) {
        const key = mfaSourceKey(role);
        if (key && role.mfaSerial) {
          await this.mfaCache.clear(key);
          throw new NeedsMfa(key, role.mfaSerial, error.message);
        }
      }
      throw error;
    } finally {
      signal?.removeEventListener('abort', destroy);
      if (!shared) gateway.destroy(); // shared ones are destroyed when the round ends
    }
  }

  /** An MFA session for the source `role` is assumed from, kept in the keychain cache. */
  async mfaSession(
    role: RoleEntry,
    sourceKey: string,
    mfa: { serialNumber: string; tokenCode: string },
  ): Promise<SessionCredentials> {
    const source = await this.sources.base(role);
    const region = await this.sources.region(role);
    const gateway = this.createGateway(this.sources.gatewayOptions(region, source, 2));
    let session: SessionCredentials;
    const details = { findRole: this.findRole };
    try {
      session = await gateway.getSessionToken({ durationSeconds: MFA_SESSION_SECONDS, mfa });
    } catch (error) {
      const errorCode = classifyStsError(error).code;
      this.audit(roleEvent('mfa-session', 'error', role, { ...details, errorCode }));
      throw error;
    } finally {
      gateway.destroy();
    }
    this.audit(roleEvent('mfa-session', 'ok', role, { ...details, expiresAt: session.expiresAt }));
    await this.mfaCache.set(sourceKey, session);
    return session;
  }
}
