import { auditCaller } from '../audit/audit-caller';
import { recentActivity } from '../audit/recent-activity';
import { auditTo, type AuditSink } from '../audit/role-event';
import { CatalogStore, type CatalogBackingStoreFactory } from '../catalog/catalog-store';
import { catalogDir } from '../catalog/catalog-paths';
import { CredentialsFile, resolveCredentialsPaths } from '../credentials/credentials-file';
import { systemClock, type Clock } from '../refresh/clock';
import {
  describeRefresherHolder,
  tryAcquireRefresherLock,
  type RefresherKind,
} from '../refresh/refresher-lock';
import { openStateFile } from '../refresh/state-file';
import type { StateWatcher } from '../refresh/state-watcher';
import { KeytarSecretStore } from '../secrets/keytar-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { DirectFirstGateway } from '../sts/direct-first-gateway';
import { SessionManager, type ManagerMode, type StsGatewayLike } from './session-manager';
import type { StsGatewayOptions } from '../sts/sts-gateway';
import { watchCatalogFile } from './watch-catalog';
import { followAsPassive, followAsRefresher } from './follow-state-file';
import { catalogNotification, stateNotification } from './file-notices';
import { LastGoodCatalog } from './last-good-catalog';
import type { SessionNotification } from './session-engine';

export interface CreateSessionEngineOptions {
  /** app / daemon: a long-running refresher (or passive if one already runs); cli: one command. */
  readonly kind: RefresherKind;
  /** SWITCHYARD_CONFIG_DIR, else Electron's userData folder for "Switchyard". */
  readonly configDir?: string;
  /** AWS_* and SWITCHYARD_* variables; process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  readonly secrets?: SecretStore;
  readonly createGateway?: (options: StsGatewayOptions) => StsGatewayLike;
  readonly concurrency?: number;
  readonly requestTimeoutMs?: number;
  /** The overall time one role may take in a round (default 30 s). */
  readonly roleDeadlineMs?: number;
  readonly maxSleepMs?: number;
  /** The conf-compatible store behind catalog.json; the app passes electron-store's. */
  readonly createCatalogStore?: CatalogBackingStoreFactory;
  /** Serve the local credential endpoint when this process is the refresher (default true). */
  readonly serveEndpoint?: boolean;
}

/**
 * Wires the engine to the real world: the catalog, the credentials file, the
 * state file, the keychain and STS; takes the refresher lock (one refresher per
 * user: awsume's users lost profiles to two racing daemons) or, when another
 * process holds it, stays passive and follows that process through the state
 * file. stop() releases everything.
 */
export async function createSessionEngine(
  options: CreateSessionEngineOptions,
): Promise<SessionManager> {
  const env = options.env ?? process.env;
  const configDir = options.configDir ?? catalogDir(env);
  const clock = options.clock ?? systemClock({ unref: options.kind === 'cli' });
  const lock = tryAcquireRefresherLock({ configDir, kind: options.kind });
  const mode: ManagerMode = !lock.acquired
    ? 'passive'
    : options.kind === 'cli'
      ? 'oneshot'
      : 'refresher';
  // Notices about Switchyard's own files, told before the manager exists, wait for it.
  const early: SessionNotification[] = [];
  const ready: { manager?: SessionManager; setAsideEarly?: boolean } = {};
  const notify = (n: SessionNotification): void => {
    if (ready.manager) ready.manager.notify(n);
    else early.push(n);
  };
  const store = CatalogStore.open({ dir: configDir, createStore: options.createCatalogStore });
  let catalog: LastGoodCatalog;
  try {
    catalog = new LastGoodCatalog(store, (notice) => notify(catalogNotification(notice)));
  } catch (error) {
    store.close();
    if (lock.acquired) lock.release();
    throw error;
  }
  const audit = auditSink(
    configDir,
    options.kind,
    notify,
    clock,
    () => catalog.settings().auditRetentionMonths,
  );
  const paths = resolveCredentialsPaths(env);
  const stateFile = openStateFile({
    configDir,
    onSetAside: (notice) => {
      notify(stateNotification(notice));
      if (ready.manager) ready.manager.stateSetAside();
      else ready.setAsideEarly = true;
    },
  });
  let watcher: StateWatcher | undefined;
  let unwatchCatalog = (): void => undefined;

  let manager: SessionManager;
  try {
    manager = await SessionManager.start({
      mode,
      requester: options.kind,
      catalog,
      credentials: new CredentialsFile(paths),
      credentialsPath: paths.credentialsPath,
      configPath: paths.configPath,
      secrets: options.secrets ?? new KeytarSecretStore(),
      stateFile,
      clock,
      env,
      createGateway: options.createGateway ?? ((o) => new DirectFirstGateway(o, env)),
      audit,
      readActivity: () => recentActivity(configDir, clock.now()),
      ...(!lock.acquired && lock.holder
        ? { heldBy: describeRefresherHolder(lock.holder), refresherHolder: lock.holder }
        : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.requestTimeoutMs !== undefined
        ? { requestTimeoutMs: options.requestTimeoutMs }
        : {}),
      ...(options.maxSleepMs !== undefined ? { maxSleepMs: options.maxSleepMs } : {}),
      ...(options.roleDeadlineMs !== undefined ? { roleDeadlineMs: options.roleDeadlineMs } : {}),
      serveEndpoint: options.serveEndpoint ?? true,
      onStop: () => {
        watcher?.close();
        unwatchCatalog();
        catalog.close();
        if (lock.acquired) lock.release();
      },
    });
  } catch (error) {
    catalog.close();
    if (lock.acquired) lock.release();
    throw error;
  }

  ready.manager = manager;
  for (const n of early.splice(0)) manager.notify(n);
  if (ready.setAsideEarly) manager.stateSetAside();

  // From here the manager runs (timers, the refresher lock, watchers): a step
  // that fails must stop it, or the process keeps a half-started engine.
  try {
    if (options.kind !== 'cli') {
      unwatchCatalog = watchCatalogFile(catalog.path, () => {
        try {
          catalog.invalidate(); // re-read, even if the edit left the file's stat as it was
          void manager.catalogChanged(); // never rejects: problems are told
        } catch (error) {
          manager.reportError('following the catalog', error);
        }
      });
    }
    if (mode === 'refresher') {
      // Other processes ask through the state file; pick requests up as they land.
      watcher = await followAsRefresher({ stateFile, clock, manager });
      await manager.processRequests();
    } else if (mode === 'passive') {
      manager.adoptState(await stateFile.read());
      watcher = await followAsPassive({
        stateFile,
        clock,
        manager,
        persistent: options.kind !== 'cli',
      });
    }
  } catch (error) {
    await manager.stop().catch(() => undefined);
    throw error;
  }
  return manager;
}

/** The audit trail's writer for this process, with who it is (`tray`, `daemon`, `cli:<command>`). */
function auditSink(
  configDir: string,
  kind: RefresherKind,
  notify: (n: SessionNotification) => void,
  clock: Clock,
  retentionMonths: () => number,
): AuditSink {
  const by = kind === 'app' ? 'tray' : kind === 'daemon' ? 'daemon' : auditCaller();
  return auditTo(
    configDir,
    by,
    (message) => notify({ kind: 'internal', roleId: '', title: 'Audit trail', body: message }),
    () => clock.now(),
    retentionMonths,
  );
}
