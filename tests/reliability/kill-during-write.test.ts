import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialsFile } from '../../electron/core/credentials/credentials-file';
import { parseIni } from '../../electron/core/credentials/ini-document';
import { putChange } from '../unit/credentials/helpers/credentials-setup';
import { bundleChild } from './support/bundle';

/**
 * SIGKILL a writer at random points, over and over; after every kill the file
 * must parse, be owner-only and be exactly the content before or after one of
 * the writes the child announced: never a mix, never truncated.
 */
const MIN_WRITES = 1000;
const MIN_KILLS = 150;
// A safety cap, not a speed target: the run stops as soon as both counts are reached
// (about 30 s on a quiet 2-core machine) and fails only if a loaded one cannot get there.
const DEADLINE_MS = 150_000;

const USER_TEXT = [
  '# my own profiles; keep this comment',
  '[default]',
  'aws_access_key_id = AKIAUSERKEEPME000001',
  'aws_secret_access_key = user-secret-keep-me',
  '; a semicolon comment',
  '',
  '[other]\r',
  'region = eu-west-1 # inline\r',
  '',
].join('\n');

let dir: string;
let child: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-kill-'));
  child = await bundleChild('kill-writer', dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The exact text a put of tag `tag` produces over USER_TEXT (one in-process write, then a substitution). */
async function expectedTextFor(): Promise<(tag: string) => string> {
  const scratch = await mkdtemp(join(dir, 'scratch-'));
  const paths = {
    credentialsPath: join(scratch, 'credentials'),
    configPath: join(scratch, 'config'),
  };
  await writeFile(paths.credentialsPath, USER_TEXT);
  await new CredentialsFile(paths).apply([putChange('p', 'TAGXX')]);
  const template = await readFile(paths.credentialsPath, 'utf8');
  return (tag) =>
    template
      .replace('ASIAPLANTEDTAGXX', `ASIAPLANTED${tag.toUpperCase()}`)
      .replaceAll('TAGXX', tag);
}

interface LaneResult {
  kills: number;
  started: number;
  completed: number;
  killedMidWrite: number;
  landedNew: number;
  temps: number;
  otherLeftovers: string[];
}

/** One file, one writer at a time: spawn, let it write for a random while, SIGKILL, check, repeat. */
async function lane(
  name: string,
  textFor: (tag: string) => string,
  until: () => boolean,
  live: LaneResult[],
): Promise<LaneResult> {
  const work = await mkdtemp(join(dir, `${name}-`));
  const credentialsPath = join(work, 'credentials');
  const configPath = join(work, 'config');
  await writeFile(credentialsPath, USER_TEXT, { mode: 0o600 });
  const r: LaneResult = {
    kills: 0,
    started: 0,
    completed: 0,
    killedMidWrite: 0,
    landedNew: 0,
    temps: 0,
    otherLeftovers: [],
  };
  live.push(r);
  let current = USER_TEXT; // what the file must hold when no write is in flight
  for (let gen = 0; !until(); gen++) {
    const proc = spawn(process.execPath, [child, credentialsPath, configPath, `${name}x${gen}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    proc.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const exited = once(proc, 'close');
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (out.includes('ready\n') || proc.exitCode !== null) {
          clearInterval(poll);
          resolve();
        }
      }, 1);
    });
    // A random point: before the first write, between writes, or anywhere inside one
    // (a write takes ~18 ms: lock, two stable reads, temp file, fsync, re-read, rename).
    await new Promise((res) => setTimeout(res, Math.random() * 200));
    proc.kill('SIGKILL');
    const [code, signal] = (await exited) as [number | null, string | null];
    expect({ code, signal, err }).toEqual({ code: null, signal: 'SIGKILL', err: '' });
    r.kills++;

    let lastDone: string | undefined;
    let inFlight: string | undefined;
    for (const line of out.split('\n')) {
      if (line.startsWith('w ')) {
        r.started++;
        inFlight = line.slice(2);
      } else if (line.startsWith('d ')) {
        r.completed++;
        lastDone = line.slice(2);
        inFlight = undefined;
      }
    }
    if (lastDone) current = textFor(lastDone);

    const text = await readFile(credentialsPath, 'utf8');
    const allowed = [current, ...(inFlight ? [textFor(inFlight)] : [])];
    expect(allowed).toContain(text);
    if (inFlight) {
      r.killedMidWrite++;
      if (text !== current) r.landedNew++;
    }
    current = text;
    expect(() => parseIni(text)).not.toThrow();
    expect((await stat(credentialsPath)).mode & 0o777).toBe(0o600);
  }

  // What killed writers left behind: temp files (they hold keys, so must be 0600) and locks.
  const leftovers = (await readdir(work)).filter((n) => n !== 'credentials');
  const temps = leftovers.filter((n) => n.endsWith('.tmp'));
  for (const t of temps) expect((await stat(join(work, t))).mode & 0o777).toBe(0o600);
  r.temps = temps.length;
  r.otherLeftovers = leftovers.filter((n) => !n.endsWith('.tmp'));
  // A later writer takes the dead writer's lock over and succeeds.
  const after = await new CredentialsFile({ credentialsPath, configPath }).apply([
    putChange('p', 'final'),
  ]);
  expect(after.written).toBe(true);
  expect(await readFile(credentialsPath, 'utf8')).toBe(textFor('final'));
  return r;
}

describe('kill -9 during credentials writes', () => {
  it(
    `leaves old-or-new, parseable, 0600 content over ${MIN_WRITES}+ write cycles`,
    async () => {
      const textFor = await expectedTextFor();
      const deadline = Date.now() + DEADLINE_MS;
      const lanes: LaneResult[] = [];
      const total = (k: 'kills' | 'started') => lanes.reduce((n, l) => n + l[k], 0);
      const results = await Promise.all(
        ['a', 'b', 'c'].map(async (name) => {
          return lane(
            name,
            textFor,
            () =>
              Date.now() > deadline ||
              (total('started') >= MIN_WRITES && total('kills') >= MIN_KILLS),
            lanes,
          );
        }),
      );
      const sum = (k: keyof Omit<LaneResult, 'otherLeftovers'>) =>
        results.reduce((n, l) => n + l[k], 0);
      console.log(
        `[reliability] kill-9: ${sum('kills')} kills, ${sum('started')} writes started, ` +
          `${sum('completed')} completed, ${sum('killedMidWrite')} kills inside a write ` +
          `(${sum('landedNew')} after its rename), 0 torn/truncated/mixed files; leftovers: ` +
          `${sum('temps')} temp files (all 0600), other: ${results.flatMap((l) => l.otherLeftovers).join(', ') || 'none'}`,
      );
      expect(sum('started')).toBeGreaterThanOrEqual(MIN_WRITES);
      expect(sum('kills')).toBeGreaterThanOrEqual(MIN_KILLS);
    },
    DEADLINE_MS + 60_000,
  );
});
