// Another writer that honours the Switchyard lock protocol: O_EXCL lock file
// next to the target, read-modify-write, rename, release. It appends `count`
// profiles, one lock round each, with a pause inside the critical section so
// that a writer that ignored the lock would lose updates. Imports nothing of ours.
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

const [path, lockPath, count, prefix] = process.argv.slice(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function acquire() {
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(
        fd,
        JSON.stringify({
          pid: process.pid,
          hostname: hostname(),
          createdAt: new Date().toISOString(),
        }),
      );
      closeSync(fd);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      await sleep(2 + Math.random() * 8);
    }
  }
}

for (let i = 0; i < Number(count); i++) {
  await acquire();
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  await sleep(3);
  const section = `[${prefix}-${i}]\naws_access_key_id = ASIACHILD${i}\naws_secret_access_key = s\naws_session_token = t\n`;
  const next = text === '' ? section : `${text}${text.endsWith('\n') ? '' : '\n'}\n${section}`;
  const temp = `${path}.child-${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  writeSync(fd, next);
  closeSync(fd);
  renameSync(temp, path);
  unlinkSync(lockPath);
  await sleep(Math.random() * 4);
}
process.stdout.write('done\n');
