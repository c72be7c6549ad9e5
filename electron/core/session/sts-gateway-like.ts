import type { SessionCredentials } from '../secret';
import type { AssumedRole, AssumeRoleRequest, StsGateway } from '../sts/sts-gateway';

/**
 * Per call: a gateway that honours `abortSignal` ends the call when it is
 * aborted (a passed deadline, the engine stopping). One that ignores it is
 * still safe: the engine stops waiting and destroys the gateway.
 */
export interface StsCallOptions {
  readonly abortSignal?: AbortSignal;
}

/** The part of the STS gateway the engine calls (tests pass their own). */
export interface StsGatewayLike {
  assumeRole(request: AssumeRoleRequest, call?: StsCallOptions): Promise<AssumedRole>;
  getSessionToken(
    options: Parameters<StsGateway['getSessionToken']>[0],
    call?: StsCallOptions,
  ): Promise<SessionCredentials>;
  resolveSourceCredentials(
    call?: StsCallOptions,
  ): ReturnType<StsGateway['resolveSourceCredentials']>;
  destroy(): void;
}
