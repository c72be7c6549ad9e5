// The load hook of record-modules.mjs (runs on Node's hooks thread).
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  appendFileSync(process.env.RECORD_MODULES_FILE, `${url}\n`);
  return nextLoad(url, context);
}
