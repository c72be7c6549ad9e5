/**
 * Row 3: the credentials editor on a big file. The file holds N profiles: N - M of
 * the user's (comments, long-term and temporary keys) and M = N / 10 that Switchyard
 * manages. Measured: one managed profile updated, and all M updated in one batch,
 * each a full apply (lock, read, parse, plan, edit, temp file, fsync, re-read, rename).
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CredentialsFile,
  resolveCredentialsPaths,
} from '../electron/core/credentials/credentials-file';
import type { ProfileChange } from '../electron/core/credentials/credentials-file';
import { parseIni, parseIniBytes } from '../electron/core/credentials/ini-document';
import { applyProfileEditsToBytes } from '../electron/core/credentials/ini-edit';
import { planProfileChanges } from '../electron/core/credentials/profile-change-plan';
import { QUIET_MS } from '../electron/core/fs/stable-read';
import { Secret } from '../electron/core/secret';
import { generateProfiles } from '../tests/unit/credentials/helpers/generate-profiles';
import { createTempAwsHome } from '../tests/support/temp-aws-home';
import { mb, median, note } from './stats';

export interface EditorResult {
  profiles: number;
  managed: number;
  fileBytes: number;
  runs: number;
  /** File last written over QUIET_MS before (the usual case): one read. */
  updateOneMs: number[];
  /** Each apply right after the previous one: the two-read path. */
  updateOneBackToBackMs: number[];
  updateBatchMs: number[];
  updateBatchBackToBackMs: number[];
  batchSize: number;
  rssMb: number;
  heapUsedMb: number;
  /** Peak RSS of the whole process so far (ru_maxrss). */
  maxRssMb: number;
  /** RSS before the file was made (the bundle loaded, nothing else). */
  baselineRssMb: number;
  /** Plain write + fsync + rename of the same bytes, no parsing: the disk's floor. */
  rawWriteMs: number[];
  /** The same one-profile / whole-batch edit in memory only: parse, plan, edit (no I/O, no lock). */
  inMemoryOneMs: number[];
  inMemoryBatchMs: number[];
}

/** parse + plan + edit, the CPU part of apply(), on the file's current bytes (as apply() does). */
function inMemoryEdit(
  bytes: Uint8Array,
  configText: string,
  changes: readonly ProfileChange[],
): number {
  const start = performance.now();
  const doc = parseIniBytes(bytes);
  const plan = planProfileChanges(
    { credentials: doc, config: parseIni(configText), credentialsPath: 'c', configPath: 'k' },
    changes,
  );
  const next = applyProfileEditsToBytes(doc, plan.edits);
  if (next.length === 1 && next[0] === bytes) throw new Error('in-memory edit changed nothing');
  return performance.now() - start;
}

/** The disk's share of an update: the same bytes to a temp file, fsync, rename. */
function rawAtomicWrite(path: string, bytes: Buffer): void {
  const temp = join(dirname(path), `.bench-raw-${process.pid}`);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let generation = 0;

function put(profile: string, i: number): ProfileChange {
  generation += 1;
  const id = `${String(generation).padStart(8, '0')}${String(i).padStart(8, '0')}`.slice(-16);
  return {
    type: 'put',
    profile,
    roleArn: `arn:aws:iam::210987654321:role/Bench${i}`,
    credentials: {
      accessKeyId: new Secret(`ASIA${id}`),
      secretAccessKey: new Secret(`bench/${id}/wJalrXUtnFEMIK7MDENGbPxRfiCY`),
      sessionToken: new Secret(`IQoJb3JpZ2luX2VjEBench${id}${'x'.repeat(300)}`),
      expiresAt: Date.now() + 3_600_000,
    },
  };
}

export async function benchEditor(profiles: number, runs: number): Promise<EditorResult> {
  const managed = Math.max(1, Math.floor(profiles / 10));
  const baselineRssMb = mb(process.memoryUsage().rss);
  const home = createTempAwsHome({
    credentials: generateProfiles(profiles - managed),
    config: '[default]\nregion = us-east-1\n',
  });
  try {
    const file = new CredentialsFile(resolveCredentialsPaths(home.env));
    const names = Array.from(
      { length: managed },
      (_, i) => `managed-${String(i).padStart(5, '0')}`,
    );
    const setup = await file.apply(names.map((name, i) => put(name, i)));
    if (!setup.written || setup.rejected.length > 0) throw new Error('setup batch was not written');
    const fileBytes = statSync(home.credentialsPath).size;

    /**
     * One timed apply per run. `quiet`: first wait (untimed) until the file is older
     * than QUIET_MS, as it is when a refresh round or an `assume` comes to it (the
     * last write was minutes or at least seconds before), so the editor takes its
     * one-read path. Otherwise back to back: every apply finds the file its
     * predecessor wrote moments ago and takes the two-read path.
     */
    const timeApplies = async (
      count: number,
      warmup: number,
      quiet: boolean,
      changesFor: (i: number) => ProfileChange[],
    ): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < count + warmup; i++) {
        const changes = changesFor(i);
        if (quiet) await sleep(QUIET_MS + 20);
        const start = performance.now();
        const result = await file.apply(changes);
        const ms = performance.now() - start;
        if (!result.written || result.applied.length !== changes.length)
          throw new Error(`update of ${changes.length} not written`);
        if (i >= warmup) out.push(ms);
      }
      return out;
    };
    const one = (i: number) => [put(names[i % managed]!, i)];
    const all = () => names.map((name, j) => put(name, j));
    const updateOneMs = await timeApplies(runs, 3, true, one);
    const updateOneBackToBackMs = await timeApplies(runs, 3, false, one);
    const updateBatchMs = await timeApplies(runs, 2, true, all);
    const updateBatchBackToBackMs = await timeApplies(runs, 2, false, all);
    const memory = process.memoryUsage();
    const rawWriteMs: number[] = [];
    const bytes = readFileSync(home.credentialsPath);
    const copy = `${home.credentialsPath}.raw`;
    for (let i = 0; i < runs + 3; i++) {
      const start = performance.now();
      rawAtomicWrite(copy, bytes);
      if (i >= 3) rawWriteMs.push(performance.now() - start);
    }
    const configText = home.readConfig();
    const inMemoryOneMs: number[] = [];
    const inMemoryBatchMs: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const one = inMemoryEdit(bytes, configText, [put(names[i % managed]!, i)]);
      const batch = inMemoryEdit(
        bytes,
        configText,
        names.map((name, j) => put(name, j)),
      );
      if (i >= 3) {
        inMemoryOneMs.push(one);
        inMemoryBatchMs.push(batch);
      }
    }
    note(
      `editor ${profiles} profiles (${(fileBytes / 1024).toFixed(0)} KiB): one ${median(updateOneMs).toFixed(1)} ms ` +
        `(back to back ${median(updateOneBackToBackMs).toFixed(1)} ms), ` +
        `batch of ${managed} ${median(updateBatchMs).toFixed(1)} ms, raw write+fsync+rename ${median(rawWriteMs).toFixed(1)} ms`,
    );
    return {
      profiles,
      managed,
      fileBytes,
      runs,
      updateOneMs,
      updateOneBackToBackMs,
      updateBatchMs,
      updateBatchBackToBackMs,
      batchSize: managed,
      rssMb: mb(memory.rss),
      heapUsedMb: mb(memory.heapUsed),
      maxRssMb: mb(process.resourceUsage().maxRSS * 1024),
      baselineRssMb,
      rawWriteMs,
      inMemoryOneMs,
      inMemoryBatchMs,
    };
  } finally {
    home.cleanup();
  }
}
