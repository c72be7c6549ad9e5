import type { CredentialSource } from '../sts/sts-gateway';
import type { StsGatewayLike } from './sts-gateway-like';

/**
 * What one refresh round resolves once and shares among its roles, created when
 * the round starts and closed when it ends (no cache outlives its round):
 * - STS regions, keyed by what decides them (each lookup reads the AWS config file);
 * - source credentials, resolved once per profile (500 roles must not make the
 *   SDK parse the credentials file 500 times);
 * - STS clients, one per resolved source and region (building an SDK client per
 *   role dominated a 500-role round). Only sources this round resolved may share
 *   a client: any other source object could carry different keys.
 */
export class RoundContext {
  readonly #regions = new Map<string, Promise<string>>();
  readonly #shared = new Map<string, Promise<unknown>>();
  readonly #closers: (() => void)[] = [];
  readonly #sources = new Map<string, Promise<CredentialSource>>();
  readonly #resolved = new WeakSet<CredentialSource>();
  readonly #gateways = new Map<CredentialSource, Map<string, StsGatewayLike>>();
  /** Clients of calls that may outlive a role's deadline (a stuck source): closed with the round. */
  readonly #adopted = new Set<StsGatewayLike>();
  #closed = false;

  /** Destroys `gateway` when the round ends, unless `release` (its call finished) came first. */
  adopt(gateway: StsGatewayLike): { release(): void } {
    if (this.#closed) {
      gateway.destroy();
      return { release: () => undefined };
    }
    this.#adopted.add(gateway);
    return { release: () => this.#adopted.delete(gateway) };
  }

  /**
   * Anything else a round resolves once for all its roles (an Identity Center
   * session's access token: 300 roles, one cache read, at most one refresh).
   * The key names the kind and the instance, e.g. `sso-token:corp`.
   */
  shared<T>(key: string, resolve: () => Promise<T>): Promise<T> {
    let value = this.#shared.get(key) as Promise<T> | undefined;
    if (!value) {
      value = resolve();
      this.#shared.set(key, value);
    }
    return value;
  }

  /** Runs `close` when the round ends (at once if it has): for shared clients of other services. */
  onClose(close: () => void): void {
    if (this.#closed) close();
    else this.#closers.push(close);
  }

  region(key: string, resolve: () => Promise<string>): Promise<string> {
    let region = this.#regions.get(key);
    if (!region) {
      region = resolve();
      this.#regions.set(key, region);
    }
    return region;
  }

  source(key: string, resolve: () => Promise<CredentialSource>): Promise<CredentialSource> {
    let source = this.#sources.get(key);
    if (!source) {
      source = resolve().then((resolved) => {
        this.#resolved.add(resolved);
        return resolved;
      });
      this.#sources.set(key, source);
    }
    return source;
  }

  /**
   * The client for this source and region: the round's shared one when the
   * source is one it resolved (`shared`: the round destroys it), else a new
   * one the caller must destroy.
   */
  gateway(
    source: CredentialSource,
    region: string,
    create: () => StsGatewayLike,
  ): { gateway: StsGatewayLike; shared: boolean } {
    if (this.#closed || !this.#resolved.has(source)) return { gateway: create(), shared: false };
    const byRegion = this.#gateways.get(source) ?? new Map<string, StsGatewayLike>();
    this.#gateways.set(source, byRegion);
    let gateway = byRegion.get(region);
    if (!gateway) {
      gateway = create();
      byRegion.set(region, gateway);
    }
    return { gateway, shared: true };
  }

  /** The round is over: its shared clients go. */
  close(): void {
    this.#closed = true;
    for (const byRegion of this.#gateways.values()) for (const g of byRegion.values()) g.destroy();
    this.#gateways.clear();
    for (const gateway of this.#adopted) gateway.destroy();
    this.#adopted.clear();
    for (const close of this.#closers.splice(0)) close();
  }
}
