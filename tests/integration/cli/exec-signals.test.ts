/**
 * `switchyard exec` as a process wrapper: exit codes, signals passed on (a
 * child that traps them, one that is killed), Ctrl+C from a real terminal
 * (a pty) reaching the child once, commands that cannot run, and nesting.
 * The role has a live session in the credentials file: no STS involved.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliPath, runCli, type RunResult } from '../../support/run-cli';
import { createLiveRoleHome } from '../../support/live-role-home';
import type { TempAwsHome } from '../../support/temp-aws-home';
import { pythonCommand } from '../../support/tools';

let home: TempAwsHome;

beforeEach(() => {
  home = createLiveRoleHome({ label: 'Signals', name: 'signals' });
});
afterEach(() => home.cleanup());

const exec = (
  command: string[],
  input?: string,
  env: NodeJS.ProcessEnv = home.env,
): Promise<RunResult> =>
  runCli(['exec', 'Signals', '--no-endpoint', '--', ...command], {
    env,
    ...(input !== undefined ? { input } : {}),
  });

/**
 * Starts exec around a bash script that prints "ready" once its traps are set,
 * sends `signal` to exec (never to the child), and resolves exec's exit code.
 */
function signalExec(script: string, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cliPath, 'exec', 'Signals', '--no-endpoint', '--', 'bash', '-c', script],
      { env: home.env, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('exec did not end within 20 s'));
    }, 20_000);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('ready\n') && !out.includes('sent')) {
        out += 'sent';
        child.kill(signal);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** A trap that ends the background sleep and exits with `code`: `wait` returns at once on a signal. */
const trapping = (signal: string, code: number): string =>
  `trap 'kill $! 2>/dev/null; exit ${code}' ${signal}; sleep 30 & echo ready; wait`;

describe('exit codes', () => {
  it("exits with the child's code and passes stdin and stdout through", async () => {
    const result = await exec(['bash', '-c', 'cat; exit 42'], 'hello through\n');
    expect(result.code).toBe(42);
    expect(result.stdout).toBe('hello through\n');
    expect(result.stderr).toBe('');
  });

  it('passes words after -- to the command, --help included', async () => {
    const result = await exec(['bash', '-c', 'printf "%s|" "$@"', '_', '--help', '-h', '--']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('--help|-h|--|');
  });

  it('is 128+9 when the child is killed by SIGKILL', async () => {
    expect((await exec(['bash', '-c', 'kill -KILL $$'])).code).toBe(137);
  });

  it('is 127 with one line for a command that does not exist, 126 for one that is not executable', async () => {
    const missing = await exec(['no-such-command-switchyard']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toBe('switchyard: no-such-command-switchyard: command not found\n');
    const script = join(home.home, 'not-executable.sh');
    writeFileSync(script, '#!/bin/sh\necho never\n');
    chmodSync(script, 0o644);
    const denied = await exec([script]);
    expect(denied.code).toBe(126);
    expect(denied.stdout).toBe('');
    expect(denied.stderr).toMatch(
      /^switchyard: .*not-executable\.sh: permission denied \(not an executable file\)\n$/,
    );
  });

  it('asks for `-- <command>` in one line when it is missing', async () => {
    const result = await runCli(['exec', 'Signals', 'bash'], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^switchyard: missing `-- <command>`; e\.g\. .*\n$/);
  });
});

describe('signals', () => {
  it('passes SIGTERM on: a child that traps it and exits 7 makes exec exit 7', async () => {
    expect(await signalExec(trapping('TERM', 7), 'SIGTERM')).toBe(7);
  });

  it('passes SIGHUP on', async () => {
    expect(await signalExec(trapping('HUP', 5), 'SIGHUP')).toBe(5);
  });

  it('passes SIGINT on when it does not come from a terminal', async () => {
    expect(await signalExec(trapping('INT', 3), 'SIGINT')).toBe(3);
  });

  it('is 128+15 when the forwarded SIGTERM kills a child that does not trap it', async () => {
    expect(await signalExec('echo ready; exec sleep 30', 'SIGTERM')).toBe(143);
  });
});

/**
 * Runs exec in a new pseudo-terminal (its own session, the foreground group),
 * types Ctrl+C once the child is ready, then a line; the child counts the
 * SIGINTs it got and prints the count.
 */
const PTY_DRIVER = `
import os, pty, re, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b''
def until(pattern):
    global out
    while not re.search(pattern, out):
        chunk = os.read(fd, 1024)
        if not chunk:
            raise SystemExit('pty closed before ' + pattern.decode())
        out += chunk
until(b'ready')
os.write(fd, b'\\x03')
until(b'got INT')
os.write(fd, b'done\\n')
try:
    # The whole line: the child's last write may come in a read of its own.
    until(rb'count=\\d+\\r?\\n')
except (OSError, SystemExit):
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors='replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`;
const COUNTING_CHILD = `
import signal, sys, time
count = 0
def on_int(sig, frame):
    global count
    count += 1
    print('got INT', flush=True)
signal.signal(signal.SIGINT, on_int)
print('ready', flush=True)
sys.stdin.readline()
time.sleep(0.3)  # room for a second, forwarded SIGINT to arrive if exec sent one
print('count=%d' % count, flush=True)
`;

describe('Ctrl+C in a terminal', () => {
  it('reaches the child once, not twice (exec does not forward what the terminal sent)', () => {
    const result = spawnSync(
      pythonCommand(),
      [
        '-c',
        PTY_DRIVER,
        process.execPath,
        cliPath,
        'exec',
        'Signals',
        '--no-endpoint',
        '--',
        pythonCommand(),
        '-c',
        COUNTING_CHILD,
      ],
      { env: home.env, encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/count=1\r?\n/);
    expect(result.status).toBe(0);
  });
});

describe('nesting', () => {
  it('refuses to run inside another role in one line naming it and --force', async () => {
    const result = await exec(['true'], undefined, { ...home.env, SWITCHYARD_ROLE: 'Prod admin' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'switchyard: already running as role "Prod admin" (SWITCHYARD_ROLE is set); exit that shell first, or pass --force to run inside it anyway\n',
    );
  });

  it('runs inside it with --force, as the new role', async () => {
    const before = readFileSync(home.credentialsPath, 'utf8');
    const result = await runCli(
      [
        'exec',
        'Signals',
        '--force',
        '--no-endpoint',
        '--',
        'bash',
        '-c',
        'printf %s "$SWITCHYARD_ROLE"',
      ],
      { env: { ...home.env, SWITCHYARD_ROLE: 'Prod admin' } },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Signals');
    expect(readFileSync(home.credentialsPath, 'utf8')).toBe(before);
  });
});
