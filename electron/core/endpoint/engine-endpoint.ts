import type { GrantRecord, SwitchyardState } from '../refresh/state-model';
import type { CodeInbox } from '../session/code-inbox';
import type { EngineParts } from '../session/engine-strategy';
import { chainOf } from '../session/role-chains';
import { mfaSourceKey } from '../session/role-sources';
import { failureView } from '../session/session-failure';
import { EndpointUnavailable } from './credential-endpoint';
import { EndpointCatalog } from './endpoint-catalog';
import { EndpointHost } from './endpoint-host';
import { EndpointSessions } from './endpoint-sessions';
import { replaceGrant } from './grant-changes';

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
  /** The refresher's end of the sealed-code channel: a grant's MFA code opens only here. */
  readonly #inbox: CodeInbox | undefined;
  /** Grants whose code was taken (once each, even before the file says so). */
  readonly #codesUsed = new Set<string>();

  constructor(parts: EngineParts, inbox: CodeInbox | undefined) {
    this.#inbox = inbox;
    const { deps, sessions, assumer, publisher } = parts;
    this.#parts = parts;
    const catalog = new EndpointCatalog(() => deps.catalog.snapshot());
    this.#sessions = new EndpointSessions({
      lookup: (roleId) => catalog.lookup(roleId),
      live: (roleId) => sessions.get(roleId),
      credentialsPath: deps.credentialsPath,
      now: () => deps.clock.now(),
      assumer,
      ...(deps.audit ? { audit: deps.audit } : {}),
    });
    this.#host = new EndpointHost({
      stateFile: deps.stateFile,
      clock: deps.clock,
      hasRole: (roleId) => deps.catalog.find(roleId) !== undefined,
      // Not async: a grant without a code is served without a promise (credential-endpoint.ts).
      credentialsFor: (roleId, grant) =>
        grant.mfaCode
          ? this.#useCode(grant).then(() => this.#sessions.credentialsFor(roleId))
          : this.#sessions.credentialsFor(roleId),
      report: (where, error) => publisher.reportError(where, error),
    });
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

  /**
   * A grant's MFA code (sealed by the CLI that made it, as \`activate\` does):
   * one GetSessionToken for the identity the role is assumed from, cached like
   * any MFA session, then the code goes from the grant. Profiles are not touched.
   */
  async #useCode(grant: GrantRecord): Promise<void> {
    const { deps, sessions, assumer } = this.#parts;
    if (!grant.mfaCode || !this.#inbox || this.#codesUsed.has(grant.id)) return;
    this.#codesUsed.add(grant.id);
    const { mfaCode, ...withoutCode } = grant;
    try {
      const code = this.#inbox.openGrantCode(grant.id, grant.roleId, mfaCode);
      const chain = chainOf(
        deps.catalog.get(grant.roleId),
        (id) => deps.catalog.find(id),
        (id) => sessions.get(id)?.state === 'active',
      );
      const root = chain.find((r) => r.mfaSerial !== undefined && mfaSourceKey(r) !== undefined);
      if (root?.mfaSerial) {
        const mfa = { serialNumber: root.mfaSerial, tokenCode: code };
        await assumer.mfaSession(root, mfaSourceKey(root)!, mfa);
      }
    } catch (error) {
      const view = failureView(error);
      throw new EndpointUnavailable(view.code, view.message);
    } finally {
      await deps.stateFile.update((current) => replaceGrant(current, withoutCode));
    }
  }

  #background(work: Promise<void>): void {
    work.catch((error: unknown) =>
      this.#parts.publisher.reportError('keeping the endpoint grants', error),
    );
  }
}
