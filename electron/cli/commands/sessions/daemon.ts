import { expiryPhrase } from '../../expiry-text';
import type { Snapshot } from '../../../../shared/model';
import { createSessionEngine } from '../../../core/session/create-session-engine';
import { openSubscriptionDesk } from '../../../core/subscriptions/open-subscription-desk';
import type { SessionManager } from '../../../core/session/session-manager';
import { InputError } from '../../../../shared/input-error';
import { parseCommandArgs } from '../../args';

/** A passive daemon checks this often whether the refresher it defers to has gone. */
const TAKEOVER_INTERVAL_MS = 30_000;
/**
 * After stopping, the process ends by itself once nothing is left; something
 * the engine let go of but cannot kill (a credential_process child the AWS SDK
 * started and never times out) must not keep it running past this.
 */
const EXIT_GRACE_MS = 2_000;

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function log(line: string): void {
  process.stdout.write(`${timestamp()} ${line}\n`);
}

/** Logs each role's state transitions (never a secret: views hold none). */
function logTransitions(previous: Map<string, string>, snapshot: Snapshot): void {
  const now = Date.now();
  for (const view of snapshot.roles) {
    const key = `${view.state}|${view.expiresAt ?? ''}|${view.error?.code ?? ''}`;
    if (previous.get(view.role.id) === key) continue;
    previous.set(view.role.id, key);
    if (view.state === 'inactive' && !previous.has(`seen:${view.role.id}`)) continue;
    previous.set(`seen:${view.role.id}`, '1');
    const expiry = view.expiresAt !== undefined ? `, ${expiryPhrase(view.expiresAt - now)}` : '';
    const error = view.error ? ` (${view.error.message})` : '';
    log(`${view.role.label} [${view.role.profile}] ${view.state}${expiry}${error}`);
  }
}

/**
 * `switchyard daemon`: keeps every active role fresh, headless. One refresher
 * per user: when the tray app or another daemon already refreshes, this one
 * says who, stays passive, and takes over if that process goes away.
 */
export async function daemonCommand(argv: readonly string[]): Promise<void> {
  const { positionals } = parseCommandArgs('daemon', argv, {});
  if (positionals.length > 0) {
    throw new InputError(
      'arguments',
      `unexpected argument ${JSON.stringify(positionals[0])}; run \`switchyard daemon --help\``,
    );
  }
  const seen = new Map<string, string>();
  let engine: SessionManager = await createSessionEngine({ kind: 'daemon' });
  let unsubscribe = (): void => undefined;
  const attach = (e: SessionManager): void => {
    unsubscribe();
    // Team catalogs sync on their own (--every, file changes) in the refresher only.
    let catalogs: ReturnType<typeof openSubscriptionDesk> | undefined;
    try {
      if (e.mode === 'refresher') {
        catalogs = openSubscriptionDesk({
          engine: e,
          onOutcome: (o) =>
            log(`team catalog ${o.name}: ${o.result}${o.error ? ` (${o.error})` : ''}`),
        });
      }
    } catch (error) {
      // A broken catalog is told by the engine too; sessions keep being refreshed.
      log(`team catalogs not synced: ${error instanceof Error ? error.message : String(error)}`);
    }
    const offSnapshot = e.subscribe((s) => logTransitions(seen, s));
    const offNotes = e.onNotification((n) => {
      if (n.kind === 'catalog' || n.kind === 'state' || n.kind === 'internal') {
        process.stderr.write(`${timestamp()} ${n.title}: ${n.body}\n`);
      } else {
        log(`attention: ${n.title}: ${n.body}`);
      }
    });
    unsubscribe = () => {
      catalogs?.stop();
      offSnapshot();
      offNotes();
    };
    const snapshot = e.snapshot();
    if (e.mode === 'refresher') {
      const active = snapshot.roles.filter((r) => r.state !== 'inactive').length;
      log(`refreshing ${active} active role(s) (pid ${process.pid})`);
    } else {
      log(
        `${snapshot.refresher.heldBy ?? 'another process'} already refreshes sessions; staying passive until it stops`,
      );
    }
    logTransitions(seen, snapshot);
  };
  attach(engine);

  let stopping = false;
  const takeover = setInterval(() => {
    if (engine.mode !== 'passive' || stopping) return;
    void (async () => {
      await engine.stop();
      engine = await createSessionEngine({ kind: 'daemon' });
      if (engine.mode === 'refresher') attach(engine);
    })().catch((error: unknown) =>
      log(`error: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, TAKEOVER_INTERVAL_MS);

  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: stopping`);
      clearInterval(takeover);
      unsubscribe();
      void engine.stop().finally(() => {
        setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
