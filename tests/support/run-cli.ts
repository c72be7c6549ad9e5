/**
 * Run the `switchyard` CLI the way a user would: a separate Node process on bin/switchyard,
 * with an explicit environment (use TempAwsHome.env) and a hard time limit.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (this file is tests/support/run-cli.ts). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const cliPath = join(repoRoot, 'bin', 'switchyard');

export interface RunOptions {
  /** The child's whole environment; nothing is inherited implicitly. */
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. Without it stdin is closed at once, so a prompt cannot wait forever. */
  input?: string;
  /** Kill the child and reject after this long. Default 20 000 ms. */
  timeoutMs?: number;
  /** Working directory. Default: the repository root. */
  cwd?: string;
}

export interface RunResult {
  /** Exit code; null when the child was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run `node <script> …args`; resolves on exit whatever the code, rejects only on timeout or spawn failure. */
export function runNode(
  script: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let settled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // EPIPE when the child exits without reading its input is not the test's concern.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');

    const timer = setTimeout(() => {
      settled = true;
      child.kill('SIGKILL');
      // Reject now rather than on 'close': a grandchild could keep the pipes open.
      child.stdout.destroy();
      child.stderr.destroy();
      reject(
        new Error(
          `node ${script} ${args.join(' ')} timed out after ${timeoutMs} ms\n` +
            `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
        ),
      );
    }, timeoutMs);

    child.once('error', (err) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      reject(err);
    });
    // 'close' (not 'exit') so all output has been read.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Run `node bin/switchyard …args` from the repository root. */
export function runCli(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return runNode(cliPath, args, options);
}

const RECORD_BUILTINS = join(
  repoRoot,
  'tests',
  'integration',
  'cli',
  'children',
  'record-builtins.cjs',
);

/**
 * Runs the CLI with a preload that records the Node built-in modules it loaded
 * (e.g. `vm`, `internal/fs/promises`) into `recordFile`; returns the run and
 * that list.
 */
export async function runCliRecordingBuiltins(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  recordFile: string,
): Promise<{ result: RunResult; builtins: string[] }> {
  const result = await runCli(args, {
    env: { ...env, NODE_OPTIONS: `--require ${RECORD_BUILTINS}`, RECORD_BUILTINS_FILE: recordFile },
  });
  const builtins = result.code === 0 ? readFileSync(recordFile, 'utf8').split('\n') : [];
  return { result, builtins };
}
