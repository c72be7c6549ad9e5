#!/usr/bin/env node
/**
 * Switchyard's benchmarks: prints figures and a table of targets (met / missed). It
 * asserts nothing and never fails on a missed target; tests check behaviour, this
 * script measures. Loopback only: moto_server, the in-repo fault STS server, Chromium.
 *
 *   npm run bench                  all rows (a few minutes)
 *   npm run bench -- --quick       fewer runs, shorter idle, no 5,000-role round (< 2 min)
 *   npm run bench -- --full        also the refresh round at 10,000 roles (time-limited, see below)
 *   npm run bench -- --only assume,refresh,editor,import,idle,ui,sso,endpoint,exec,audit,subscription
 *   npm run bench -- --only assume --assume-rows 0,3   some assume rows (indexes in ASSUME_VARIANTS)
 *   npm run bench -- --json out.json   also write every raw figure as JSON
 *   npm run bench -- --only idle --idle-seconds 600   the idle row over 10 real minutes
 *   npm run bench -- --node PATH   run the measured switchyard processes with another Node (e.g. 22)
 *
 * Each section's rows are in scripts/bench-rows/, what they share in its harness.mjs.
 * The TypeScript sections (bench/*.ts) are bundled with esbuild into a temp folder
 * (Node 20 cannot run .ts) and each runs in a fresh process, so one section's heap
 * and caches never colour another's figures.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assumeRows } from './bench-rows/assume.mjs';
import { idleRows, execRows } from './bench-rows/daemon.mjs';
import { endpointRows } from './bench-rows/endpoint.mjs';
import { editorRows, importRows, subscriptionRows } from './bench-rows/files.mjs';
import { bundle, log, machine, printTable, ROOT, rows, run } from './bench-rows/harness.mjs';
import { refreshRows } from './bench-rows/refresh.mjs';
import { auditRows, ssoRows } from './bench-rows/sso-audit.mjs';
import { uiRows } from './bench-rows/ui.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'string' },
    'idle-seconds': { type: 'string' },
    'assume-rows': { type: 'string' },
    node: { type: 'string' },
  },
});
// bench/paths.ts reads it in every section.
if (args.node) process.env.BENCH_CLI_NODE = args.node;
const QUICK = args.quick;
const ONLY = args.only ? new Set(args.only.split(',')) : undefined;
const want = (name) => !ONLY || ONLY.has(name);

const plan = {
  assumeRuns: QUICK ? 5 : 15,
  // 50 / 500 / 5,000 show how cost grows (1,000 fills the gap); --full adds 10,000.
  // Each size is time-limited, so a cliff shows as "not done" instead of a hung run.
  refreshRoles: args.full
    ? [50, 500, 1000, 5000, 10000]
    : QUICK
      ? [50, 500]
      : [50, 500, 1000, 5000],
  refreshLimitSeconds: 300,
  editorProfiles: [50, 500, 5000],
  importProfiles: QUICK ? [500, 2000] : [500, 2000, 5000],
  importRuns: QUICK ? 3 : 5,
  editorRuns: QUICK ? 7 : 15,
  idleRoles: 200,
  execRuns: QUICK ? 7 : 21,
  ssoSyncRuns: QUICK ? 1 : 3,
  idleSeconds: args['idle-seconds'] ? Number(args['idle-seconds']) : QUICK ? 20 : 60,
  ui: QUICK
    ? ['--roles', '500', '--runs', '2', '--idle-seconds', '2']
    : ['--roles', '500', '--runs', '5', '--idle-seconds', '10'],
};

/** Each --only name and its rows, in the table's order. */
const SECTIONS = [
  ['assume', assumeRows],
  ['refresh', refreshRows],
  ['editor', editorRows],
  ['import', importRows],
  ['subscription', subscriptionRows],
  ['sso', ssoRows],
  ['audit', auditRows],
  ['endpoint', endpointRows],
  ['idle', idleRows],
  ['exec', execRows],
  ['ui', uiRows],
];

async function main() {
  const started = Date.now();
  const info = machine();
  log(
    `Switchyard benchmarks ${QUICK ? '(quick) ' : ''}— ${info.nproc} × ${info.model}, Node ${info.node}`,
  );
  log('▸ building the CLI (node scripts/build-cli.mjs)');
  await run(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')]);
  const tmp = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const results = { machine: info, date: new Date().toISOString(), quick: QUICK, plan };
  try {
    const script = await bundle(tmp);

    const context = { script, plan, args, results };
    for (const [name, addRows] of SECTIONS) if (want(name)) await addRows(context);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  results.seconds = Math.round((Date.now() - started) / 1000);
  console.log('');
  console.log(
    `Switchyard benchmarks${QUICK ? ' (--quick)' : ''}: ${info.nproc} × ${info.model}, ${info.memGb} GB, ` +
      `Node ${info.node}, ${results.date}, ${results.seconds} s`,
  );
  printTable();
  if (args.json) {
    results.table = rows;
    writeFileSync(args.json, `${JSON.stringify(results, null, 2)}\n`);
    log(`raw figures: ${args.json}`);
  }
}

await main();
