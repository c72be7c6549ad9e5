/**
 * What every benchmark row shares (scripts/bench.mjs): running a section of
 * bench/*.ts in a fresh process, the table of targets, and the number formats.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export const ROOT = join(import.meta.dirname, '..', '..');

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const ms = (x) =>
  x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`;
export const log = (text) => process.stderr.write(`${text}\n`);

export class TimeLimitError extends Error {}

export function run(command, argv, { timeoutMs } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let timedOut = false;
    const timer =
      timeoutMs &&
      setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.once('error', reject);
    child.once('close', (code) => {
      if (timer) clearTimeout(timer);
      if (timedOut)
        reject(new TimeLimitError(`${command} ${argv.join(' ')}: over ${timeoutMs / 1000} s`));
      else if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${argv.join(' ')} exited ${code}\n${stdout}`));
    });
  });
}

export async function bundle(outdir) {
  await build({
    entryPoints: [join(ROOT, 'bench', 'main.ts')],
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    external: ['keytar', 'electron'],
    banner: {
      js: "import { createRequire as __bCreateRequire } from 'node:module'; const require = __bCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return join(outdir, 'main.mjs');
}

export async function section(script, name, options, timeoutMs) {
  log(`▸ ${name} ${JSON.stringify(options)}`);
  const out = await run(process.execPath, ['--expose-gc', script, name, JSON.stringify(options)], {
    timeoutMs,
  });
  const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`${name}: no result\n${out}`);
  return JSON.parse(line.slice('BENCH_RESULT '.length));
}

export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? '?';
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // keep os.cpus()
  }
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
  return { nproc, model, node: process.version, memGb: Math.round(memKb / 1048576) };
}

export const rows = [];
/** One table row; met is true/false, or undefined when the row has no target. */
export function row(area, what, target, measured, met) {
  rows.push({
    area,
    what,
    target,
    measured,
    verdict: met === undefined ? '' : met ? 'met' : 'MISSED',
  });
}

export function printTable() {
  const head = ['area', 'measure', 'target', 'measured', ''];
  const cells = rows.map((r) => [r.area, r.what, r.target, r.measured, r.verdict]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}
