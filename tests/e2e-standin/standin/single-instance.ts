/**
 * app.requestSingleInstanceLock with Electron's semantics on Linux: the first
 * process holds a lock file in userData (released when it exits) and listens on
 * a socket beside it; a later one gets `false` and hands its argv, working
 * folder and additionalData to the first, which emits 'second-instance'.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';

export interface SecondInstanceMessage {
  readonly argv: string[];
  readonly cwd: string;
  readonly additionalData: unknown;
}

const NOTIFY_TIMEOUT_MS = 5_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock; false when a live process holds it. Synchronous, as in Electron. */
export function takeLock(userData: string): boolean {
  mkdirSync(userData, { recursive: true, mode: 0o700 });
  const lockPath = join(userData, 'SingletonLock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      process.on('exit', () => rmSync(lockPath, { force: true }));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) return false;
      // Left by a process that died without exiting cleanly: Electron takes it over too.
      rmSync(lockPath, { force: true });
    }
  }
  return false;
}

/** The first instance: listens for the later ones. */
export function listenForSecondInstances(
  userData: string,
  onMessage: (message: SecondInstanceMessage) => void,
): Server {
  const socketPath = join(userData, 'SingletonSocket');
  rmSync(socketPath, { force: true });
  const server = createServer((socket) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (!text.endsWith('\n')) return;
      socket.end('ack\n');
      onMessage(JSON.parse(text) as SecondInstanceMessage);
    });
    socket.on('error', () => undefined);
  });
  server.listen(socketPath);
  server.unref();
  process.on('exit', () => rmSync(socketPath, { force: true }));
  return server;
}

/** A later instance: tells the first one; resolves when it acknowledged (or gave up, bounded). */
export function notifyFirstInstance(
  userData: string,
  message: SecondInstanceMessage,
): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(join(userData, 'SingletonSocket'));
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, NOTIFY_TIMEOUT_MS);
    socket.on('connect', () => socket.write(`${JSON.stringify(message)}\n`));
    socket.on('data', done);
    socket.on('error', done);
  });
}
