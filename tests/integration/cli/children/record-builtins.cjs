'use strict';
// Preloaded with --require: at exit, writes the Node built-in modules this
// process loaded (process.moduleLoadList, e.g. "NativeModule zlib") to
// RECORD_BUILTINS_FILE, one a line.
const { writeFileSync } = require('node:fs');

process.once('exit', () => {
  const names = process.moduleLoadList
    .filter((entry) => entry.startsWith('NativeModule '))
    .map((entry) => entry.slice('NativeModule '.length));
  writeFileSync(process.env.RECORD_BUILTINS_FILE, `${names.join('\n')}\n`);
});
