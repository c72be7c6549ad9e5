// Holds a Switchyard lock file the way another Switchyard process would, until
// it is killed. Imports nothing of ours: the protocol is the file itself.
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

const [lockPath] = process.argv.slice(2);
const fd = openSync(lockPath, 'wx', 0o600);
writeSync(
  fd,
  JSON.stringify({ pid: process.pid, hostname: hostname(), createdAt: new Date().toISOString() }),
);
closeSync(fd);
process.on('SIGTERM', () => {
  unlinkSync(lockPath);
  process.exit(0);
});
process.stdout.write('locked\n');
setInterval(() => undefined, 1000);
