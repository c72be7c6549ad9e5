'use strict';
// Preloaded with `node -r`: counts the files opened through node:fs/promises'
// open and node:fs's openSync (the engine's two ways of opening the AWS files:
// a long-lived process uses the first, `switchyard assume` the second) and, at
// exit, writes `<count> <path>` lines to COUNT_OPENS_FILE.
const fs = require('node:fs');
const promises = require('node:fs/promises');

const counts = new Map();
const count = (path) => counts.set(String(path), (counts.get(String(path)) ?? 0) + 1);
const open = promises.open;
promises.open = function countedOpen(path, ...rest) {
  count(path);
  return open.call(this, path, ...rest);
};
const openSync = fs.openSync;
fs.openSync = function countedOpenSync(path, ...rest) {
  count(path);
  return openSync.call(this, path, ...rest);
};
process.on('exit', () => {
  const lines = [...counts].map(([path, n]) => `${n} ${path}`);
  fs.writeFileSync(process.env.COUNT_OPENS_FILE, lines.join('\n'));
});
