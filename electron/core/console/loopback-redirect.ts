import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { systemClock, type Clock } from '../refresh/clock';

/**
 * A one-time redirect on 127.0.0.1, so a federated sign-in URL (whose
 * SigninToken signs in whoever opens it, for 15 minutes) never sits in an
 * opener's command line, where `ps` shows it to every local user. The browser
 * is handed `http://127.0.0.1:PORT/<random>`; its first GET of that exact path
 * is answered with a 303 to the sign-in URL and the server closes. The path
 * holds 32 random bytes; on Linux a connection from another user's process is
 * refused as well (the socket's owner is in /proc/net/tcp), since the short
 * path is itself visible in `ps` while the opener runs. Unused, the server
 * closes at the deadline.
 */

export const REDIRECT_DEADLINE_MS = 60_000;

export type RedirectOutcome = 'served' | 'expired' | 'closed';

export interface LoopbackRedirect {
  /** The URL to hand to the browser: loopback, and no secret of the target's in it. */
  readonly url: string;
  /** Settles once the redirect was served, the deadline passed, or close() was called. */
  readonly done: Promise<RedirectOutcome>;
  close(): void;
}

export interface LoopbackRedirectOptions {
  readonly deadlineMs?: number;
  readonly clock?: Clock;
  /** The uid whose processes may fetch the page; default this process's (Linux only). */
  readonly ownerUid?: number;
  /** Reads /proc/net/tcp; injectable so tests can play another user. */
  readonly readTcpTable?: () => string;
}

const HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  Connection: 'close',
} as const;

function hexPort(port: number): string {
  return port.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * The uid owning the client end of a loopback TCP connection, from the
 * kernel's table (Linux); undefined where the table cannot be read or lacks it.
 */
export function loopbackPeerUid(socket: Socket, readTable: () => string): number | undefined {
  const { remotePort, localPort } = socket;
  if (remotePort === undefined || localPort === undefined) return undefined;
  let table: string;
  try {
    table = readTable();
  } catch {
    return undefined;
  }
  const local = `0100007F:${hexPort(remotePort)}`;
  const remote = `0100007F:${hexPort(localPort)}`;
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local && fields[2] === remote) return Number(fields[7]);
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function answer(
  response: ServerResponse,
  status: number,
  extra: Record<string, string> = {},
): void {
  response.writeHead(status, { ...HEADERS, 'Content-Length': '0', ...extra });
  response.end();
}

/** Starts the redirect to `target` (already vetted by the caller) and returns its URL. */
export async function startLoopbackRedirect(
  target: string,
  options: LoopbackRedirectOptions = {},
): Promise<LoopbackRedirect> {
  const clock = options.clock ?? systemClock();
  const ownerUid = options.ownerUid ?? process.getuid?.();
  const readTable = options.readTcpTable ?? (() => readFileSync('/proc/net/tcp', 'utf8'));
  const path = `/${randomBytes(32).toString('base64url')}`;
  let settle: (outcome: RedirectOutcome) => void = () => undefined;
  const done = new Promise<RedirectOutcome>((resolve) => (settle = resolve));
  let finished = false;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (finished || request.method !== 'GET' || !sameText(request.url ?? '', path)) {
      answer(response, 404);
      return;
    }
    const peer = loopbackPeerUid(request.socket, readTable);
    if (ownerUid !== undefined && peer !== undefined && peer !== ownerUid) {
      answer(response, 403);
      return;
    }
    finished = true;
    response.once('finish', () => finish('served'));
    answer(response, 303, { Location: target });
  });
  const timer = clock.setTimeout(
    () => finish('expired'),
    options.deadlineMs ?? REDIRECT_DEADLINE_MS,
  );
  function finish(outcome: RedirectOutcome): void {
    finished = true;
    clock.clearTimeout(timer);
    server.close();
    // The served answer says Connection: close, so its socket ends by itself
    // once flushed; anything else still open is cut.
    if (outcome === 'served') server.closeIdleConnections();
    else server.closeAllConnections();
    settle(outcome);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    finish('closed');
    throw error;
  }
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no loopback port');
  return {
    url: `http://127.0.0.1:${address.port}${path}`,
    done,
    close: () => finish('closed'),
  };
}
