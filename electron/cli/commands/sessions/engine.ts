import { openStateFile } from '../../../core/refresh/state-file';
import { watchStateFile } from '../../../core/refresh/state-watcher';
import { systemClock } from '../../../core/refresh/clock';
import type { StateAction, StateResult } from '../../../core/refresh/state-model';
import { catalogDir } from '../../../core/catalog/catalog-paths';
import { createSessionEngine } from '../../../core/session/create-session-engine';
import type { SessionManager } from '../../../core/session/session-manager';

/** How long a command waits for the running refresher to answer a request. */
const REQUEST_TIMEOUT_MS = 60_000;

export async function openCliEngine(): Promise<SessionManager> {
  return createSessionEngine({ kind: 'cli' });
}

/**
 * Sends actions to the running refresher (tray app or daemon) through the state
 * file and waits, by watching the file, for each one's result.
 */
export async function askRefresher(
  engine: SessionManager,
  action: StateAction,
  roleIds: readonly string[],
): Promise<StateResult[]> {
  const stateFile = openStateFile({ configDir: catalogDir(process.env) });
  const ids: string[] = [];
  for (const roleId of roleIds) ids.push(await engine.ask(action, roleId));
  const clock = systemClock({ unref: false });
  return new Promise<StateResult[]>((resolve, reject) => {
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
          resolve(results);
        }
      },
    }).then(async (watcher) => {
      close = () => watcher.close();
      const already = found(watcher.current().results);
      if (already && !done) {
        done = true;
        clearTimeout(timer);
        resolve(already);
      }
      if (done) watcher.close();
      else await watcher.check();
    }, reject);
  });
}
