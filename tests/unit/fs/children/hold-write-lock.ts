/**
 * Holds a credentials write lock with the real acquireLock (owner record,
 * token, heartbeat) until SIGTERM (releases) or SIGKILL. argv: <target file>.
 */
import { acquireLock } from '../../../../electron/core/fs/file-lock';

const [target] = process.argv.slice(2);
if (!target) {
  process.stderr.write('usage: hold-write-lock <target>\n');
  process.exit(2);
}
const lock = await acquireLock(target, { timeoutMs: 5_000 });
process.on('SIGTERM', () => {
  void lock.release().then(() => process.exit(0));
});
process.stdout.write('locked\n');
setInterval(() => undefined, 60_000);
