'use strict';
// Preloaded with `node -r`: counts the files opened through node:fs/promises
// (the engine's only way of opening the AWS files) and, at exit, writes
// `<count> <path>` lines to COUNT_OPENS_FILE.
const fs = require('node:fs');
const promises = require('node:fs/promises');

const counts = new Map();
const open = promises.open;
promises.open = function countedOpen(path, ...rest) {
  counts.set(String(path), (counts.get(String(path)) ?? 0) + 1);
  return open.call(this, path, ...rest);
};
process.on('exit', () => {
  const lines = [...counts].map(([path, count]) => `${count} ${path}`);
  fs.writeFileSync(process.env.COUNT_OPENS_FILE, lines.join('\n'));
});
