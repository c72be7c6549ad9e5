import { partitionOfRegion } from '../../../shared/partitions';
import { resolveCredentialsPaths } from '../credentials/credentials-paths';
import { planStsCall, type StsCallPlan } from './direct-plan';
import {
  StsGateway,
  type AssumedRole,
  type AssumeRoleRequest,
  type StsGatewayOptions,
} from './sts-gateway';
import { StsQueryClient } from './sts-query-client';
import { callDeadlineMs } from './call-deadline';

/**
 * The engine's gateway: AssumeRole from plain keys (keys from the keychain, an MFA
 * session, a static profile) is signed in process, which costs a fraction of the
 * SDK's client per call; everything else (other sources, GetSessionToken, the
 * source credentials for a console sign-in, settings only the SDK honours) goes to
 * the SDK gateway, created only when needed. The rule is `assume`'s
 * (direct-plan.ts); same options, same CA bundle, same errors, same retry count.
 */
export class DirectFirstGateway {
  readonly #options: StsGatewayOptions;
  readonly #env: NodeJS.ProcessEnv;
  #plan: Promise<StsCallPlan> | undefined;
  #direct: StsQueryClient | undefined;
  #sdk: StsGateway | undefined;
  /** Aborted by destroy(): kills a credential_process the plan is still running. */
  readonly #destroyed = new AbortController();

  constructor(options: StsGatewayOptions, env: NodeJS.ProcessEnv) {
    this.#options = options;
    this.#env = env;
  }

  async assumeRole(request: AssumeRoleRequest): Promise<AssumedRole> {
    const plan = await this.#planOnce();
    if (!plan.direct) return (await this.#gateway()).assumeRole(request);
    this.#direct ??= new StsQueryClient({
      endpoint: plan.direct.endpoint,
      region: this.#options.region,
      keys: plan.direct.keys,
      ...(plan.ca ? { ca: plan.ca.pem } : {}),
      ...(this.#options.maxAttempts !== undefined
        ? { maxAttempts: this.#options.maxAttempts }
        : {}),
      ...(this.#options.requestTimeoutMs !== undefined
        ? { requestTimeoutMs: this.#options.requestTimeoutMs }
        : {}),
      ...(this.#options.deadlineMs !== undefined ? { deadlineMs: this.#options.deadlineMs } : {}),
    });
    return this.#direct.assumeRole(request);
  }

  async getSessionToken(...args: Parameters<StsGateway['getSessionToken']>) {
    return (await this.#gateway()).getSessionToken(...args);
  }

  async resolveSourceCredentials() {
    return (await this.#gateway()).resolveSourceCredentials();
  }

  /** Closes both clients' connections (the in-process one keeps them alive within a round). */
  destroy(): void {
    this.#destroyed.abort();
    this.#sdk?.destroy();
    this.#direct?.destroy();
  }

  async #gateway(): Promise<StsGateway> {
    const plan = await this.#planOnce();
    this.#sdk ??= new StsGateway({
      ...this.#options,
      // Source keys the plan already resolved (a credential_process ran once) are reused.
      ...(plan.direct ? { source: { kind: 'keys', ...plan.direct.keys } } : {}),
      ...(plan.ca ? { ca: plan.ca.pem } : {}),
    });
    return this.#sdk;
  }

  /** The SDK gateway's deadline for the same options, so a credential_process gets as long. */
  #sourceDeadlineMs(): number {
    return callDeadlineMs(this.#options);
  }

  #planOnce(): Promise<StsCallPlan> {
    const { region, source, sharedFiles } = this.#options;
    this.#plan ??= planStsCall({
      env: this.#env,
      region,
      partition: partitionOfRegion(region),
      ...(sharedFiles ?? resolveCredentialsPaths(this.#env)),
      // Keys in hand are signed with; a profile is read as the SDK reads it; the
      // default chain stays the SDK's (it reads process.env).
      ...(source.kind === 'keys' ? { keys: source } : {}),
      ...(source.kind === 'profile' ? { sourceProfile: source.profile } : {}),
      ...(source.kind === 'default' ? { sdkSource: true } : {}),
      endpoint: this.#options.endpoint,
      sourceDeadlineMs: this.#sourceDeadlineMs(),
      signal: this.#destroyed.signal,
    });
    return this.#plan;
  }
}
