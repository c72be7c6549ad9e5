import { spawn } from 'node:child_process';
import { Secret } from '../secret';
import { StsError } from './sts-error';
import type { StaticKeys } from './sts-query-client';

/**
 * A profile's `credential_process`, run as the SDK's fromProcess runs it
 * (@aws-sdk/credential-provider-process: child_process.exec, so the command line
 * goes to /bin/sh -c, or cmd.exe on Windows) and its answer read by the same
 * rules (trimmed stdout, JSON, Version 1, AccessKeyId and SecretAccessKey, an
 * optional SessionToken and Expiration, refused once expired). Unlike exec it
 * keeps a handle on the child: past the deadline the child's whole process
 * group is killed, so a helper that hangs cannot hold the refresher or a
 * one-shot CLI open. Differences from exec: stdin is empty (a helper that reads
 * it gets end-of-file instead of waiting for ever), and a failure is one line
 * naming the profile, without the helper's stderr (it may echo secrets).
 */

export interface ProcessCredentials {
  readonly keys: StaticKeys;
  /** Epoch ms, when the helper gave an Expiration. */
  readonly expiresAt?: number;
}

export interface RunCredentialProcessOptions {
  readonly profile: string;
  readonly command: string;
  /** The whole run; the child's process group is killed after it. */
  readonly deadlineMs: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Kills the child's process group when aborted (the engine stopping). */
  readonly signal?: AbortSignal;
}

/**
 * Process groups of helpers still running. The deadline timer dies with this
 * process, so on exit they are killed here, synchronously: a daemon that exits
 * while a helper hangs must not leave it orphaned for ever.
 */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killLiveGroups(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
}

/** exec's default maxBuffer. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

export function runCredentialProcess(
  options: RunCredentialProcessOptions,
): Promise<ProcessCredentials> {
  const { profile, command, deadlineMs, signal } = options;
  const fail = (kind: 'retryable' | 'needs-user', code: string, what: string) =>
    new StsError(kind, code, `the credential_process of profile "${profile}" ${what}`, undefined);
  // Its own process group (POSIX), so the kill reaches whatever the shell started.
  const ownGroup = process.platform !== 'win32';
  const child = spawn(command, {
    shell: true,
    detached: ownGroup,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    windowsHide: true,
  });
  const pgid = ownGroup ? child.pid : undefined;
  if (pgid !== undefined) {
    liveGroups.add(pgid);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on('exit', killLiveGroups);
    }
  }
  const kill = () => {
    try {
      if (ownGroup && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // already gone
    }
    child.stdout?.destroy();
    child.stderr?.destroy();
  };

  return new Promise<ProcessCredentials>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: StsError | undefined, value?: ProcessCredentials) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (pgid !== undefined) liveGroups.delete(pgid);
      if (error) {
        kill();
        reject(error);
      } else resolve(value!);
    };
    const timer = setTimeout(() => {
      finish(
        fail(
          'retryable',
          'SourceTimeout',
          `did not answer within ${deadlineMs / 1000} s and was stopped`,
        ),
      );
    }, deadlineMs);
    function onAbort(): void {
      finish(fail('retryable', 'SourceAborted', 'was stopped because Switchyard is stopping'));
    }
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        finish(fail('needs-user', 'CredentialProcessFailed', 'wrote more than 1 MiB'));
      } else chunks.push(chunk);
    });
    // Read and dropped: a full stderr pipe would stall the helper.
    child.stderr?.resume();
    child.once('error', (error) => {
      finish(fail('needs-user', 'CredentialProcessFailed', `could not start (${error.message})`));
    });
    // 'close', not 'exit': the answer is complete only once stdout is.
    child.once('close', (code, signal) => {
      if (code !== 0) {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        finish(fail('needs-user', 'CredentialProcessFailed', `${how}; run it to see why`));
        return;
      }
      try {
        finish(undefined, parseAnswer(Buffer.concat(chunks).toString('utf8'), fail));
      } catch (error) {
        finish(error as StsError);
      }
    });
  });
}

function parseAnswer(
  stdout: string,
  fail: (kind: 'needs-user', code: string, what: string) => StsError,
): ProcessCredentials {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(stdout.trim()) as Record<string, unknown>;
  } catch {
    throw fail('needs-user', 'CredentialProcessFailed', 'returned invalid JSON');
  }
  if (data?.Version !== 1) {
    throw fail('needs-user', 'CredentialProcessFailed', 'did not return Version 1');
  }
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = data;
  if (typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string') {
    throw fail('needs-user', 'CredentialProcessFailed', 'returned invalid credentials');
  }
  let expiresAt: number | undefined;
  if (Expiration) {
    expiresAt = new Date(Expiration as string).getTime();
    if (expiresAt < Date.now()) {
      throw fail('needs-user', 'CredentialProcessFailed', 'returned expired credentials');
    }
  }
  return {
    keys: {
      accessKeyId: new Secret(AccessKeyId),
      secretAccessKey: new Secret(SecretAccessKey),
      ...(typeof SessionToken === 'string' && SessionToken
        ? { sessionToken: new Secret(SessionToken) }
        : {}),
    },
    ...(expiresAt !== undefined && Number.isFinite(expiresAt) ? { expiresAt } : {}),
  };
}
