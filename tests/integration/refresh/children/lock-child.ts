/**
 * A separate process contending for the refresher lock.
 * argv: <configDir> <app|daemon> [hold|exit]
 * Prints one JSON line with the result. "hold" (default) keeps the lock until
 * SIGTERM (released by the handler, as the app and daemon do) or SIGKILL;
 * "exit" calls process.exit() at once, relying on the 'exit' release.
 */
import { tryAcquireRefresherLock } from '../../../../electron/core/refresh/refresher-lock';

const [configDir, kind, mode = 'hold'] = process.argv.slice(2);
if (!configDir || (kind !== 'app' && kind !== 'daemon')) {
  process.stderr.write('usage: lock-child <configDir> <app|daemon> [hold|exit]\n');
  process.exit(2);
}

const lock = tryAcquireRefresherLock({ configDir, kind });
// Installed before the result is printed, so a parent reacting to it finds the handler.
if (lock.acquired) {
  process.on('SIGTERM', () => {
    lock.release();
    process.exit(0);
  });
}
process.stdout.write(
  `${JSON.stringify(lock.acquired ? { acquired: true, holder: lock.holder } : lock)}\n`,
);
if (!lock.acquired || mode === 'exit') process.exit(0);
// Stay alive holding the lock.
setInterval(() => {}, 60_000);
