// Edits a credentials file the way `aws configure set` does: read the lines,
// change one section, then truncate and rewrite the same file in place (no
// lock, no rename). Imports nothing of ours.
import { readFileSync, writeFileSync } from 'node:fs';

const [path, profile, key, value] = process.argv.slice(2);
let text = '';
try {
  text = readFileSync(path, 'utf8');
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
const header = `[${profile}]\n`;
const at = text.indexOf(header);
const next =
  at === -1
    ? `${text}${text === '' || text.endsWith('\n\n') ? '' : '\n'}${header}${key} = ${value}\n`
    : `${text.slice(0, at + header.length)}${key} = ${value}\n${text.slice(at + header.length)}`;
writeFileSync(path, next);
