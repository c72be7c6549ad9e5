import { openStateFile } from '../../../core/refresh/state-file';
import { watchStateFile } from '../../../core/refresh/state-watcher';
import { systemClock } from '../../../core/refresh/clock';
import type { StateAction, StateResult, SwitchyardState } from '../../../core/refresh/state-model';
import { catalogDir } from '../../../core/catalog/catalog-paths';
import { createSessionEngine } from '../../../core/session/create-session-engine';
import type { SessionManager } from '../../../core/session/session-manager';
import type { SessionNotification } from '../../../core/session/session-engine';

/** How long a command waits for the running refresher to answer a request. */
const REQUEST_TIMEOUT_MS = 60_000;

/** Notices about Switchyard's own files and engine faults: one stderr line each. */
export function printFileNotice(n: SessionNotification): void {
  if (n.kind === 'catalog' || n.kind === 'state' || n.kind === 'internal') {
    process.stderr.write(`switchyard: ${n.title}: ${n.body}\n`);
  }
}

export async function openCliEngine(): Promise<SessionManager> {
  const engine = await createSessionEngine({ kind: 'cli' });
  engine.onNotification(printFileNotice);
  return engine;
}

/**
 * Sends actions to the running refresher (tray app or daemon) through the state
 * file and waits, by watching the file, for each one's result. The engine then
 * adopts the state that carried the results, so its view shows what they did:
 * its own watcher of the same file may not have caught up yet.
 */
export async function askRefresher(
  engine: SessionManager,
  action: StateAction,
  roleIds: readonly string[],
  mfaCode?: string,
): Promise<StateResult[]> {
  const { results, state } = await awaitAnswers(engine, action, roleIds, mfaCode);
  engine.adoptState(state);
  return results;
}

async function awaitAnswers(
  engine: SessionManager,
  action: StateAction,
  roleIds: readonly string[],
  mfaCode: string | undefined,
): Promise<{ results: StateResult[]; state: SwitchyardState }> {
  const stateFile = openStateFile({
    configDir: catalogDir(process.env),
    onSetAside: (notice) => process.stderr.write(`switchyard: ${notice.message}\n`),
  });
  const ids = await engine.ask(action, roleIds, mfaCode === undefined ? {} : { mfaCode });
  const clock = systemClock({ unref: false });
  return new Promise((resolve, reject) => {
    const found = (results: readonly StateResult[]): StateResult[] | undefined => {
      const mine = ids.map((id) => results.find((r) => r.id === id));
      return mine.every((r) => r !== undefined) ? (mine as StateResult[]) : undefined;
    };
    let done = false;
    let close = (): void => undefined;
    const timer = setTimeout(() => {
      done = true;
      close();
      reject(
        new Error(
          `the running refresher did not answer within ${REQUEST_TIMEOUT_MS / 1000} s; is it stuck? (${stateFile.path})`,
        ),
      );
    }, REQUEST_TIMEOUT_MS);
    void watchStateFile({
      file: stateFile,
      clock,
      debounceMs: 50,
      safetyIntervalMs: 2_000,
      onChange: (next) => {
        const results = found(next.results);
        if (results && !done) {
          done = true;
          clearTimeout(timer);
          close();
          resolve({ results, state: next });
        }
      },
    }).then(async (watcher) => {
      close = () => watcher.close();
      const current = watcher.current();
      const already = found(current.results);
      if (already && !done) {
        done = true;
        clearTimeout(timer);
        resolve({ results: already, state: current });
      }
      if (done) watcher.close();
      else await watcher.check();
    }, reject);
  });
}
