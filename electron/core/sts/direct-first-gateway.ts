import { partitionOfRegion } from '../../../shared/partitions';
import { isHttpUrl, regionalStsEndpoint, stsEndpointFromEnv } from './sts-endpoint';
import {
  StsGateway,
  type AssumedRole,
  type AssumeRoleRequest,
  type StsGatewayOptions,
} from './sts-gateway';
import { resolveStaticSource } from './static-source';
import { StsQueryClient, type StaticKeys } from './sts-query-client';

/**
 * The engine's gateway: AssumeRole from plain keys (keys from the keychain, an MFA
 * session, a static profile) is signed in process, which costs a fraction of the
 * SDK's client per call; everything else (other sources, GetSessionToken, the
 * source credentials for a console sign-in) goes to the SDK gateway, created
 * only when needed. Same options, same errors, same retry count.
 */
export class DirectFirstGateway {
  readonly #options: StsGatewayOptions;
  readonly #env: NodeJS.ProcessEnv;
  #direct: Promise<StsQueryClient | undefined> | undefined;
  #sdk: StsGateway | undefined;

  constructor(options: StsGatewayOptions, env: NodeJS.ProcessEnv) {
    this.#options = options;
    this.#env = env;
  }

  async assumeRole(request: AssumeRoleRequest): Promise<AssumedRole> {
    this.#direct ??= this.#openDirect();
    const direct = await this.#direct;
    return direct ? direct.assumeRole(request) : this.#gateway().assumeRole(request);
  }

  getSessionToken(...args: Parameters<StsGateway['getSessionToken']>) {
    return this.#gateway().getSessionToken(...args);
  }

  resolveSourceCredentials() {
    return this.#gateway().resolveSourceCredentials();
  }

  /** Closes both clients' connections (the in-process one keeps them alive within a round). */
  destroy(): void {
    this.#sdk?.destroy();
    void this.#direct?.then(
      (client) => client?.destroy(),
      () => undefined,
    );
  }

  #gateway(): StsGateway {
    this.#sdk ??= new StsGateway(this.#options);
    return this.#sdk;
  }

  async #openDirect(): Promise<StsQueryClient | undefined> {
    const { region } = this.#options;
    const keys = await this.#staticKeys();
    if (!keys) return undefined;
    const endpoint =
      this.#options.endpoint ??
      stsEndpointFromEnv(this.#env) ??
      regionalStsEndpoint(region, partitionOfRegion(region));
    if (!isHttpUrl(endpoint)) return undefined;
    return new StsQueryClient({
      endpoint,
      region,
      keys,
      ...(this.#options.maxAttempts !== undefined
        ? { maxAttempts: this.#options.maxAttempts }
        : {}),
      ...(this.#options.requestTimeoutMs !== undefined
        ? { requestTimeoutMs: this.#options.requestTimeoutMs }
        : {}),
    });
  }

  /** Keys given, or a profile of plain keys; the default chain stays the SDK's (it reads process.env). */
  async #staticKeys(): Promise<StaticKeys | undefined> {
    const { source, sharedFiles } = this.#options;
    if (source.kind === 'keys') return source;
    if (source.kind !== 'profile' || !sharedFiles) return undefined;
    const found = await resolveStaticSource({
      sourceProfile: source.profile,
      env: this.#env,
      credentialsPath: sharedFiles.credentialsPath,
      configPath: sharedFiles.configPath,
    });
    return found?.keys;
  }
}
