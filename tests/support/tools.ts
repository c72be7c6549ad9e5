/**
 * Discovery of the external tools some tests need, with the project's rule: where moto,
 * the AWS CLI or Chromium is missing on a developer's machine the affected tests skip with
 * a reason; with CI=true a missing one fails the run (so CI can never go green by skipping).
 *
 * Everything here is synchronous (spawnSync with a timeout) so it works at collection time:
 *
 *   const moto = requireTool('moto');
 *   describe.skipIf(!moto.available)(`against moto ${moto.skipReason}`, () => { … });
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type ToolName =
  | 'moto'
  | 'aws-cli'
  | 'aws-cli-v2'
  | 'chromium'
  | 'secret-service'
  | 'desktop-file-validate'
  | 'gio'
  | 'zsh'
  | 'fish';

export interface ToolStatus {
  available: boolean;
  /** Why the tool counts as missing; undefined when available. */
  reason?: string;
  /** '' when available, else "(skipped: <reason>)", handy in a describe title. */
  skipReason: string;
}

export interface AwsCli {
  path: string;
  /** Full version, e.g. "2.9.19". */
  version: string;
  major: number;
}

const PROBE_TIMEOUT_MS = 15_000;

/** Debian's awscli package is v2; a pip/pyenv `aws` earlier on PATH is often v1. */
const PREFERRED_AWS_CLI = '/usr/bin/aws';
const PREFERRED_CHROMIUM = '/usr/bin/chromium';

/** The interpreter used to run moto (override with SWITCHYARD_PYTHON). */
export function pythonCommand(): string {
  return process.env.SWITCHYARD_PYTHON || 'python3';
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    const stat = statSync(path);
    // access(X_OK) is lax for root, so look at the mode bits too.
    return stat.isFile() && (stat.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** Absolute path of `command` on PATH, or undefined. */
export function which(command: string): string | undefined {
  if (command.includes('/')) return isExecutableFile(command) ? command : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

const cache = new Map<string, unknown>();

/** Forget probe results (for tests that change PATH or SWITCHYARD_PYTHON). */
export function resetToolCache(): void {
  cache.clear();
}

function memo<T>(key: string, compute: () => T): T {
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key) as T;
}

function awsCliVersion(path: string): AwsCli | undefined {
  const run = spawnSync(path, ['--version'], {
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS,
    env: { ...process.env, AWS_PAGER: '' },
  });
  // v1 printed its version on stderr; v2 prints "aws-cli/2.x.y Python/…" on stdout.
  const m = /aws-cli\/(\d+)\.(\d+)\.(\d+)/.exec(`${run.stdout ?? ''} ${run.stderr ?? ''}`);
  if (run.status !== 0 || !m) return undefined;
  return { path, version: `${m[1]}.${m[2]}.${m[3]}`, major: Number(m[1]) };
}

/** The AWS CLI: /usr/bin/aws (v2 from Debian) when present, else `aws` on PATH. */
export function findAwsCli(): AwsCli | undefined {
  return memo('aws-cli', () => {
    const candidates = [PREFERRED_AWS_CLI, which('aws')].filter(
      (p): p is string => p !== undefined && isExecutableFile(p),
    );
    for (const path of new Set(candidates)) {
      const cli = awsCliVersion(path);
      if (cli) return cli;
    }
    return undefined;
  });
}

/** Whether `python3 -c "import moto"` works (moto_server's ThreadedMotoServer included). */
export function hasMoto(): boolean {
  return memo('moto', () => {
    const run = spawnSync(pythonCommand(), ['-c', 'from moto.server import ThreadedMotoServer'], {
      encoding: 'utf8',
      timeout: PROBE_TIMEOUT_MS,
    });
    return run.status === 0;
  });
}

/** Chromium for Playwright-driven tests: /usr/bin/chromium, else `chromium` on PATH. */
export function findChromium(): string | undefined {
  return memo('chromium', () =>
    isExecutableFile(PREFERRED_CHROMIUM) ? PREFERRED_CHROMIUM : which('chromium'),
  );
}

/** A Secret Service can be started for keytar: dbus-run-session and gnome-keyring-daemon exist. */
export function hasSecretService(): boolean {
  return memo(
    'secret-service',
    () => which('dbus-run-session') !== undefined && which('gnome-keyring-daemon') !== undefined,
  );
}

function probe(name: ToolName): string | undefined {
  switch (name) {
    case 'moto':
      return hasMoto() ? undefined : `moto is not importable with ${pythonCommand()}`;
    case 'aws-cli':
      return findAwsCli() ? undefined : 'the AWS CLI (aws) was not found';
    case 'aws-cli-v2': {
      const cli = findAwsCli();
      if (!cli) return 'the AWS CLI v2 (aws) was not found';
      return cli.major >= 2 ? undefined : `${cli.path} is AWS CLI ${cli.version}, not v2`;
    }
    case 'chromium':
      return findChromium()
        ? undefined
        : `Chromium was not found at ${PREFERRED_CHROMIUM} or on PATH`;
    case 'secret-service':
      return hasSecretService()
        ? undefined
        : 'dbus-run-session and gnome-keyring-daemon are needed for a Secret Service';
    case 'desktop-file-validate':
      return which('desktop-file-validate')
        ? undefined
        : 'desktop-file-validate was not found (Debian: desktop-file-utils)';
    case 'gio':
      return which('gio') ? undefined : 'gio was not found (Debian: libglib2.0-bin)';
    case 'zsh':
    case 'fish':
      return which(name) ? undefined : `${name} was not found (Debian: ${name})`;
  }
}

/** True when the run must not skip anything for want of a tool. */
export function isCi(): boolean {
  return process.env.CI === 'true';
}

/**
 * Availability of one or more tools for `describe.skipIf(!status.available)`.
 * Under CI=true a missing tool THROWS, so the test file fails instead of skipping.
 */
export function requireTool(...names: [ToolName, ...ToolName[]]): ToolStatus {
  const reasons = names.map(probe).filter((r): r is string => r !== undefined);
  if (reasons.length === 0) return { available: true, skipReason: '' };
  const reason = reasons.join('; ');
  if (isCi()) {
    throw new Error(`CI=true and a required tool is missing: ${reason}`);
  }
  return { available: false, reason, skipReason: `(skipped: ${reason})` };
}
