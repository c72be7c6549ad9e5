'use strict';
// Preloaded with --require: at exit, writes how many threads this process has
// (Linux: /proc/self/task) to RECORD_THREADS_FILE. Node's thread pool adds
// four to a process that has used it.
const { readdirSync, writeFileSync } = require('node:fs');

process.once('exit', () => {
  writeFileSync(process.env.RECORD_THREADS_FILE, String(readdirSync('/proc/self/task').length));
});
