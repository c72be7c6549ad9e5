/**
 * A separate process updating the shared state file, like `switchyard activate`.
 * argv: <configDir> <workerId> <count>
 * Appends <count> refresh requests with ids "<workerId>-<i>", each in its own
 * read-modify-write, then prints "done".
 */
import { addRequest } from '../../../../electron/core/refresh/state-changes';
import { openStateFile } from '../../../../electron/core/refresh/state-file';

const [configDir, workerId, countText] = process.argv.slice(2);
const count = Number(countText);
if (!configDir || !workerId || !Number.isInteger(count)) {
  process.stderr.write('usage: state-child <configDir> <workerId> <count>\n');
  process.exit(2);
}

const file = openStateFile({ configDir, lock: { timeoutMs: 20_000 } });
for (let i = 0; i < count; i++) {
  await file.update((state) =>
    addRequest(state, {
      id: `${workerId}-${i}`,
      action: 'refresh',
      roleId: `role-${workerId}`,
      createdAt: Date.now(),
      from: { pid: process.pid, kind: 'cli' },
    }),
  );
}
process.stdout.write('done\n');
