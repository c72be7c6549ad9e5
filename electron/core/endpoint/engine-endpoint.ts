import type { SwitchyardState } from '../refresh/state-model';
import type { EngineParts } from '../session/engine-strategy';
import type { CredentialEndpoint } from './credential-endpoint';
import { EndpointHost } from './endpoint-host';
import { EndpointSessions } from './endpoint-sessions';

/**
 * The local credential endpoint as one part of the refresher's engine (the
 * tray app and `switchyard daemon` alike, through the local engine): it serves
 * the engine's live sessions, or side sessions of its own, and follows the
 * catalog. Every fault goes to the engine's one error path.
 */
export class EngineEndpoint {
  readonly #host: EndpointHost;
  readonly #sessions: EndpointSessions;
  readonly #parts: EngineParts;

  constructor(parts: EngineParts) {
    const { deps, sessions, assumer, publisher } = parts;
    this.#parts = parts;
    this.#sessions = new EndpointSessions({
      // One catalog read per request (each read is a stat at least).
      lookup: (roleId) => {
        const { roles, settings } = deps.catalog.snapshot();
        return {
          role: roles.find((r) => r.id === roleId),
          marginMs: settings.refreshMarginSeconds * 1000,
        };
      },
      live: (roleId) => sessions.get(roleId),
      credentialsPath: deps.credentialsPath,
      now: () => deps.clock.now(),
      assumer,
    });
    this.#host = new EndpointHost({
      stateFile: deps.stateFile,
      clock: deps.clock,
      hasRole: (roleId) => deps.catalog.find(roleId) !== undefined,
      credentialsFor: (roleId) => this.#sessions.credentialsFor(roleId),
      report: (where, error) => publisher.reportError(where, error),
    });
  }

  get server(): CredentialEndpoint | undefined {
    return this.#host.server;
  }

  /** Not fatal: without an endpoint, exec falls back to keys; the fault is told once. */
  async start(): Promise<void> {
    await this.#host
      .start()
      .catch((error: unknown) =>
        this.#parts.publisher.reportError('starting the local credential endpoint', error),
      );
  }

  /** The state file changed: the endpoint record goes back if it was lost. */
  keep(state: SwitchyardState): void {
    this.#background(this.#host.sweep(state));
  }

  /** Roles removed from the catalog lose their grants and side sessions. */
  catalogChanged(): void {
    const { catalog } = this.#parts.deps;
    this.#sessions.forget((roleId) => catalog.find(roleId) !== undefined);
    this.#background(this.#host.sweep());
  }

  stop(): Promise<void> {
    return this.#host.stop();
  }

  #background(work: Promise<void>): void {
    work.catch((error: unknown) =>
      this.#parts.publisher.reportError('keeping the endpoint grants', error),
    );
  }
}
