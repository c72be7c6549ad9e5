/**
 * Stand-in browsers for console tests: small Node scripts on PATH under the
 * names Switchyard looks for (google-chrome, chromium, microsoft-edge,
 * brave-browser, vivaldi, firefox, xdg-open). Each writes one JSON file into
 * the folder $BROWSER_LOG with the name it ran as, its argv and environment, then does
 * what a browser does with the page it was handed: fetches it (the page inside
 * an ext+container: link for Firefox) and follows a loopback redirect once, so
 * the test sees where a sign-in link would have taken the user.
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const STAND_IN_NAMES = [
  'google-chrome',
  'chromium',
  'microsoft-edge',
  'brave-browser',
  'vivaldi',
  'firefox',
  'xdg-open',
] as const;

export interface BrowserRun {
  readonly at: number;
  readonly name: string;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The page the browser was given (for Firefox, the container link's url). */
  readonly page: string;
  /** When the page was a loopback redirect: its status and where it pointed. */
  readonly status?: number;
  readonly location?: string;
  /** The status of following that location (the sign-in stand-in's login). */
  readonly followedStatus?: number;
}

const SCRIPT = `
const { renameSync, writeFileSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');
const argv = process.argv.slice(2);
const last = argv[argv.length - 1] || '';
const page = last.startsWith('ext+container:')
  ? new URLSearchParams(last.slice('ext+container:'.length)).get('url')
  : last;
const record = { at: Date.now(), name: basename(process.argv[1]), argv, env: process.env, page };
// One file per run, renamed into place whole: the test never reads half a record.
const done = () => {
  const file = join(process.env.BROWSER_LOG, process.pid + '.json');
  writeFileSync(file + '.tmp', JSON.stringify(record));
  renameSync(file + '.tmp', file);
};
if (!/^http:\\/\\/127\\.0\\.0\\.1:/.test(page)) done();
else
  fetch(page, { redirect: 'manual' })
    .then(async (r) => {
      record.status = r.status;
      record.location = r.headers.get('location');
      if (record.location) {
        const next = await fetch(record.location, { redirect: 'manual' });
        record.followedStatus = next.status;
      }
    })
    .catch((e) => (record.error = String(e)))
    .finally(done);
`;

export interface StandInBrowsers {
  readonly bin: string;
  readonly log: string;
  /** PATH with the stand-ins first. */
  path(rest: string | undefined): string;
  /** Waits until `count` runs are logged (the CLI returns before a detached browser finishes). */
  runs(count: number): Promise<BrowserRun[]>;
  /** Writes one more stand-in at `name` in the bin folder (e.g. a browser given by path). */
  add(name: string): string;
  reset(): void;
  cleanup(): void;
}

export function createStandInBrowsers(): StandInBrowsers {
  const bin = mkdtempSync(join(tmpdir(), 'switchyard-browsers-'));
  const log = join(bin, 'runs');
  mkdirSync(log);
  const add = (name: string): string => {
    const path = join(bin, name);
    writeFileSync(path, `#!${process.execPath}\n${SCRIPT}`);
    chmodSync(path, 0o755);
    return path;
  };
  for (const name of STAND_IN_NAMES) add(name);
  const read = (): BrowserRun[] =>
    readdirSync(log)
      .filter((name) => name.endsWith('.json'))
      .map((name) => JSON.parse(readFileSync(join(log, name), 'utf8')) as BrowserRun)
      .sort((a, b) => a.at - b.at);
  return {
    bin,
    log,
    add,
    path: (rest) => `${bin}${delimiter}${rest ?? ''}`,
    async runs(count) {
      for (let i = 0; i < 200 && read().length < count; i += 1) await sleep(50);
      return read();
    },
    reset: () => {
      rmSync(log, { recursive: true, force: true });
      mkdirSync(log);
    },
    cleanup: () => rmSync(bin, { recursive: true, force: true }),
  };
}
