import { dirname } from 'node:path';
import { makeFolderKeepingOwner } from '../fs/keep-owner';
import { isProcessAlive } from '../fs/lock-owner';
import type { Clock, TimerHandle } from '../refresh/clock';
import type { StateFile } from '../refresh/state-file';
import type { EndpointRecord, GrantRecord, SwitchyardState } from '../refresh/state-model';
import {
  startCredentialEndpoint,
  type CredentialEndpoint,
  type ServedCredentials,
} from './credential-endpoint';
import { dropGrants, setEndpoint } from './grant-changes';
import { GrantBook } from './grant-book';
import { grantsDir, sweepGrantFiles } from './grant-files';

/** How often the refresher looks for grants to drop (dead exec processes, removed roles). */
export const GRANT_SWEEP_MS = 10_000;

export interface EndpointHostDeps {
  readonly stateFile: StateFile;
  readonly clock: Clock;
  /** Whether the role is still in the catalog. */
  readonly hasRole: (roleId: string) => boolean;
  readonly credentialsFor: (
    roleId: string,
    grant: GrantRecord,
  ) => ServedCredentials | Promise<ServedCredentials>;
  /** The engine's one path for faults in background work. */
  readonly report: (where: string, error: unknown) => void;
  readonly isProcessAlive?: (pid: number) => boolean;
}

/**
 * The refresher's side of the local credential endpoint: serves it from start
 * to stop, publishes where (`endpoint` in state.json, put back if the file
 * lost it), and drops the grants that no longer hold: an `exec` grant whose
 * process is gone (killed with -9, so it could not revoke) and any grant for a
 * role removed from the catalog, in state.json and in the grants folder.
 */
export class EndpointHost {
  readonly #deps: EndpointHostDeps;
  readonly #book: GrantBook;
  readonly #grantsDir: string;
  #server: CredentialEndpoint | undefined;
  #record: EndpointRecord | undefined;
  #timer: TimerHandle | undefined;
  #stopped = false;

  constructor(deps: EndpointHostDeps) {
    this.#deps = deps;
    this.#book = new GrantBook(deps.stateFile.path);
    this.#grantsDir = grantsDir(dirname(deps.stateFile.path));
  }

  async start(): Promise<void> {
    const { stateFile, clock } = this.#deps;
    // The port served last time first, so an env-file written by `switchyard endpoint` still works.
    const previous = await stateFile.read().catch(() => undefined);
    const server = await startCredentialEndpoint({
      ...(previous?.endpoint ? { port: previous.endpoint.port } : {}),
      // A removed role's grants go in the sweep its catalog change starts; until then it gets 503.
      authorize: (token, roleId) => this.#book.authorize(token, roleId),
      credentialsFor: (roleId, grant) => this.#deps.credentialsFor(roleId, grant),
    });
    if (this.#stopped) {
      await server.close();
      return;
    }
    // Without the folder, exec grants go into state.json (the CLI finds no grantFiles in the record).
    const grantFiles = await makeFolderKeepingOwner(this.#grantsDir, 0o700).then(
      () => true,
      (error: unknown) => {
        this.#deps.report('creating the exec grants folder', error);
        return false;
      },
    );
    const record: EndpointRecord = {
      port: server.port,
      pid: process.pid,
      startedAt: clock.now(),
      ...(grantFiles ? { grantFiles: true as const } : {}),
    };
    try {
      await stateFile.update((current) => this.#tidy(setEndpoint(current, record)));
    } catch (error) {
      // Unpublished, no grant could reach it: it does not stay up unseen.
      await server.close();
      throw error;
    }
    if (this.#stopped) {
      await server.close(); // stopped while publishing
      return;
    }
    this.#server = server;
    this.#record = record;
    // Exec grants a crash left behind (their pids are gone) go now, not in 10 s.
    await this.#sweepFiles();
    this.#schedule();
  }

  /**
   * The state file as just read: publishes the record again if it lost it,
   * drops dead grants. Without `state` (the timer, a catalog change) the
   * grant files are swept too.
   */
  async sweep(state?: SwitchyardState): Promise<void> {
    if (this.#stopped || !this.#record) return;
    if (state === undefined) await this.#sweepFiles();
    const current = state ?? (await this.#deps.stateFile.read());
    if (this.#tidy(setEndpoint(current, this.#record)) === current) return;
    const record = this.#record;
    await this.#deps.stateFile.update((now) => this.#tidy(setEndpoint(now, record)));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    // The record stays, as the port to try next time; grant clients check its pid holds the lock.
    await this.#server?.close();
    this.#server = undefined;
  }

  /** A grants folder that cannot be swept is reported, and state.json's sweep still runs. */
  async #sweepFiles(): Promise<void> {
    await sweepGrantFiles(this.#grantsDir, (grant) => !this.#gone(grant)).catch((error: unknown) =>
      this.#deps.report('sweeping exec grant files', error),
    );
  }

  #tidy(state: SwitchyardState): SwitchyardState {
    return dropGrants(state, (grant) => this.#gone(grant));
  }

  #gone(grant: GrantRecord): boolean {
    if (!this.#deps.hasRole(grant.roleId)) return true;
    if (grant.kind !== 'exec') return false;
    const alive = this.#deps.isProcessAlive ?? isProcessAlive;
    return grant.pid === undefined || !alive(grant.pid);
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = this.#deps.clock.setTimeout(() => {
      this.#timer = undefined;
      this.sweep()
        .catch((error: unknown) => this.#deps.report('sweeping endpoint grants', error))
        .finally(() => this.#schedule());
    }, GRANT_SWEEP_MS);
  }
}
