import { InputError } from '../../../shared/input-error';
import type { AuditSink } from '../audit/role-event';
import type {
  SsoFlow,
  SsoProgress,
  SsoSessionView,
  SsoSignInRequest,
  SsoSignOutSummary,
  SsoSyncSummary,
} from '../../../shared/sso-views';
import type { CatalogStore } from '../catalog/catalog-store';
import type { SessionEngine } from '../session/session-engine';
import { oneLine } from '../session/session-failure';
import { chooseSession, findOrAddSession, type SessionWords } from './choose-sso-session';
import type { SsoSessionConfig } from './sso-config';
import { signOutOfSession } from './sso-logout';
import { ssoPageOrigins } from './sso-page-origins';
import { ssoSessionStatuses } from './sso-session-status';
import { signInToSession } from './sso-sign-in';
import { configProfileNames, syncSession } from './sso-sync';
import { SsoTokenKeeper } from './sso-token-keeper';

export interface SsoDeskDeps {
  /** ~/.aws/config (AWS_CONFIG_FILE): where `[sso-session]` sections are read and added. */
  readonly configPath: string;
  /** The home whose ~/.aws/sso/cache holds the tokens. */
  readonly homeDir: string;
  /** Where the OIDC endpoint is configured (AWS_ENDPOINT_URL_SSO_OIDC); process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** PEM authorities for the OIDC service and the portal (AWS_CA_BUNDLE). */
  readonly ca?: () => Promise<string | undefined>;
  /** Told each sign-in's outcome. */
  readonly audit?: AuditSink;
  /** The engine whose roles wait for a sign-in. */
  readonly engine: Pick<SessionEngine, 'signedIn'>;
  /** Opens the catalog a sync writes (closed after); the engine's own file. */
  readonly openCatalog: () => CatalogStore;
  /** Tells the engine the catalog changed, so the synced roles show at once. */
  readonly catalogChanged?: () => Promise<void>;
  /** The shell's URL opener: refuses any URL whose origin is not one of `allowedOrigins`. */
  readonly openUrl: (url: string, allowedOrigins: readonly string[]) => Promise<void>;
  readonly now?: () => number;
}

const IDLE: SsoProgress = { phase: 'idle' };

/** How the tray names its inputs in the one-line errors. */
const TRAY_WORDS: SessionWords = {
  sessionField: 'session',
  addHint: () => 'sign in with a start URL and region to add it',
  chooseHint: 'choose one',
};

/**
 * Identity Center as the tray drives it, without Electron: the sessions and
 * whether each is signed in, one sign-in at a time (its progress as plain
 * views, cancellable), and after a sign-in the session's accounts synced into
 * the catalog and its waiting roles resumed; "Sync now" and "Sign out" per
 * session. What it tells the shell never holds a token or secret.
 */
export class SsoDesk {
  readonly #deps: SsoDeskDeps;
  readonly #listeners = new Set<(progress: SsoProgress) => void>();
  readonly #keeper: SsoTokenKeeper;
  #progress: SsoProgress = IDLE;
  /** Set while a sign-in runs (from the first check, before anything awaits). */
  #running: { controller: AbortController; session?: SsoSessionConfig } | undefined;
  #verification: string | undefined;
  #task: Promise<void> = Promise.resolve();
  /** Syncs run one after another: each plans against what the last one wrote. */
  #syncs: Promise<unknown> = Promise.resolve();

  constructor(deps: SsoDeskDeps) {
    this.#deps = deps;
    const now = deps.now ?? Date.now;
    this.#keeper = new SsoTokenKeeper({
      configPath: deps.configPath,
      homeDir: deps.homeDir,
      now,
      ...(deps.ca ? { ca: deps.ca } : {}),
    });
  }

  progress(): SsoProgress {
    return this.#progress;
  }

  /** Called with every change of the sign-in's progress; returns the unsubscribe function. */
  onProgress(listener: (progress: SsoProgress) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every session of the config file, in file order, with its sign-in state. */
  async sessions(): Promise<SsoSessionView[]> {
    const now = (this.#deps.now ?? Date.now)();
    const statuses = await ssoSessionStatuses(this.#deps.configPath, this.#deps.homeDir, now);
    return statuses.map((s) => ({
      name: s.name,
      startUrl: s.startUrl,
      region: s.region,
      signedIn: s.signedIn,
      refreshable: s.refreshable,
      ...(s.expiresAt !== undefined ? { expiresAt: s.expiresAt } : {}),
      ...(s.reason !== undefined ? { reason: s.reason } : {}),
    }));
  }

  /**
   * Starts a sign-in. Resolves once the session is chosen (or its section
   * added to ~/.aws/config) and the flow has begun; the rest is told through
   * onProgress. Bad input, or a sign-in already running, rejects with one line
   * and changes nothing.
   */
  async signIn(request: SsoSignInRequest): Promise<void> {
    if (this.#running) {
      const name = this.#running.session?.name;
      throw new InputError(
        'sign-in',
        `a sign-in${name ? ` to ${name}` : ''} is in progress; finish or cancel it first`,
      );
    }
    const running: { controller: AbortController; session?: SsoSessionConfig } = {
      controller: new AbortController(),
    };
    this.#running = running;
    let session: SsoSessionConfig;
    try {
      session = await this.#sessionFor(request);
    } catch (error) {
      this.#running = undefined;
      throw error;
    }
    running.session = session;
    this.#verification = undefined;
    this.#set({ phase: 'starting', session: session.name });
    this.#task = this.#run(session, request.flow, running.controller.signal).finally(() => {
      if (this.#running === running) this.#running = undefined;
      this.#verification = undefined;
    });
  }

  /** Stops the sign-in in progress (nothing is written); the progress goes back to idle. */
  cancel(): void {
    this.#running?.controller.abort();
  }

  /** Resolves when the sign-in in progress (if any) has ended, however it ended. */
  settled(): Promise<void> {
    return this.#task;
  }

  /** Device flow: opens the page where the user approves the code, through the shell's opener. */
  async openVerificationPage(): Promise<void> {
    const session = this.#running?.session;
    const url = this.#verification;
    if (!session || url === undefined) {
      throw new InputError('sign-in', 'no sign-in is waiting for a code; start one first');
    }
    await this.#deps.openUrl(url, ssoPageOrigins(session, this.#env()));
  }

  /** Lists the session's accounts and roles into the catalog now; what changed. */
  async sync(sessionName: string, signal?: AbortSignal): Promise<SsoSyncSummary> {
    const session = await chooseSession(this.#deps.configPath, sessionName, TRAY_WORDS);
    const run = this.#syncs.then(() => this.#syncOnce(session.name, signal));
    this.#syncs = run.catch(() => undefined);
    return run;
  }

  /** Ends the session's token at the portal where it can, and deletes the cached token. */
  async signOut(sessionName: string): Promise<SsoSignOutSummary> {
    const session = await chooseSession(this.#deps.configPath, sessionName, TRAY_WORDS);
    const ca = await this.#deps.ca?.();
    const result = await signOutOfSession(session, {
      homeDir: this.#deps.homeDir,
      ...(ca ? { ca } : {}),
    });
    return {
      revoked: result.revoked,
      deleted: result.deleted,
      ...(result.note ? { note: result.note } : {}),
    };
  }

  /** Cancels a sign-in in progress and waits for it to end (the app is quitting). */
  async stop(): Promise<void> {
    this.cancel();
    await this.#task;
    this.#listeners.clear();
  }

  #env(): NodeJS.ProcessEnv {
    return this.#deps.env ?? process.env;
  }

  async #sessionFor(request: SsoSignInRequest): Promise<SsoSessionConfig> {
    if (request.kind === 'session') {
      return chooseSession(this.#deps.configPath, request.session, TRAY_WORDS);
    }
    const { session } = await findOrAddSession(this.#deps.configPath, {
      startUrl: request.startUrl,
      region: request.region,
      ...(request.name !== undefined && request.name !== '' ? { name: request.name } : {}),
    });
    return session;
  }

  async #run(session: SsoSessionConfig, flow: SsoFlow, signal: AbortSignal): Promise<void> {
    const name = session.name;
    try {
      const ca = await this.#deps.ca?.();
      await signInToSession({
        session,
        flow,
        signal,
        homeDir: this.#deps.homeDir,
        env: this.#env(),
        ...(this.#deps.audit ? { audit: this.#deps.audit } : {}),
        ...(ca ? { ca } : {}),
        openBrowser: (url) => this.#deps.openUrl(url, ssoPageOrigins(session, this.#env())),
        onWaitingForBrowser: () => this.#set({ phase: 'browser', session: name }),
        onDevicePrompt: (prompt) => {
          this.#verification = prompt.verificationUriComplete;
          this.#set({
            phase: 'device',
            session: name,
            userCode: prompt.userCode,
            verificationUriComplete: prompt.verificationUriComplete,
            expiresAt: prompt.expiresAt,
          });
        },
      });
    } catch (error) {
      this.#set(
        signal.aborted ? IDLE : { phase: 'failed', session: name, message: oneLine(error) },
      );
      return;
    }
    this.#verification = undefined;
    this.#set({ phase: 'syncing', session: name });
    // The sign-in stands whatever the sync does: waiting roles resume either way.
    let summary: SsoSyncSummary | undefined;
    let problem: unknown;
    try {
      summary = await this.sync(name);
    } catch (error) {
      problem = error;
    }
    let resumed = 0;
    try {
      resumed = await this.#deps.engine.signedIn(name);
    } catch (error) {
      problem ??= error;
    }
    if (summary && problem === undefined) {
      const { added, updated, gone } = summary;
      this.#set({ phase: 'done', session: name, added, updated, gone, resumed });
    } else {
      this.#set({
        phase: 'failed',
        session: name,
        message: `Signed in to ${name}, but ${summary ? 'its waiting roles did not resume' : 'the sync failed'}: ${oneLine(problem)}`,
      });
    }
  }

  async #syncOnce(session: string, signal?: AbortSignal): Promise<SsoSyncSummary> {
    const ca = await this.#deps.ca?.();
    const takenProfiles = await configProfileNames(this.#deps.configPath);
    const store = this.#deps.openCatalog();
    let outcome;
    try {
      outcome = await syncSession({
        keeper: this.#keeper,
        session,
        now: (this.#deps.now ?? Date.now)(),
        roles: () => store.list(),
        catalog: store,
        takenProfiles,
        ...(ca ? { ca } : {}),
        ...(signal ? { signal } : {}),
      });
    } finally {
      store.close();
    }
    if (outcome.applied) await this.#deps.catalogChanged?.();
    const { plan } = outcome;
    return { session, added: plan.add.length, updated: plan.update.length, gone: plan.gone.length };
  }

  #set(progress: SsoProgress): void {
    this.#progress = progress;
    for (const listener of [...this.#listeners]) listener(progress);
  }
}
