'use strict';
// Preloaded with `node -r`: at exit, writes the Node built-in modules the
// process loaded after this file (one per line) to RECORD_BUILTINS_FILE.
const { writeFileSync } = require('node:fs');

const before = new Set(process.moduleLoadList);
process.on('exit', () => {
  const loaded = process.moduleLoadList.filter(
    (entry) => !before.has(entry) && entry.startsWith('NativeModule '),
  );
  writeFileSync(process.env.RECORD_BUILTINS_FILE, loaded.map((e) => e.slice(13)).join('\n'));
});
