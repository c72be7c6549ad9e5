import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIPv4, isIPv6, type Socket } from 'node:net';
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
  /** Reads /proc/net/tcp and tcp6; injectable so tests can play another user. */
  readonly readTcpTable?: () => string;
  /** Where the owner check must find the peer or refuse; default process.platform. */
  readonly platform?: NodeJS.Platform;
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

/** The 16 bytes of an IPv6 address, an embedded IPv4 tail included. */
function ipv6Bytes(address: string): number[] {
  let text = address;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (tail !== undefined) {
    const [a, b, c, d] = tail.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

/**
 * An address as /proc/net/tcp{,6} writes it: each 32-bit word in host
 * (little-endian) order, in hex. Undefined for anything that is not an IP.
 */
export function procNetAddress(address: string, port: number): string | undefined {
  let bytes: number[];
  if (isIPv4(address)) bytes = address.split('.').map(Number);
  else if (isIPv6(address)) bytes = ipv6Bytes(address);
  else return undefined;
  let hex = '';
  for (let word = 0; word < bytes.length; word += 4) {
    for (const byte of bytes.slice(word, word + 4).reverse()) {
      hex += byte.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return `${hex}:${hexPort(port)}`;
}

function readProcTables(): string {
  const v4 = readFileSync('/proc/net/tcp', 'utf8');
  let v6 = '';
  try {
    v6 = readFileSync('/proc/net/tcp6', 'utf8');
  } catch {
    // A kernel without IPv6 has no tcp6; the server listens on IPv4 anyway.
  }
  return `${v4}\n${v6}`;
}

/**
 * The uid owning the client end of a loopback TCP connection, from the
 * kernel's table (Linux); undefined where the table cannot be read or lacks it.
 * Both ends come from the socket itself: any 127.x.y.z reaches a server on
 * 127.0.0.1, so the client's address is not always 127.0.0.1.
 */
export function loopbackPeerUid(socket: Socket, readTable: () => string): number | undefined {
  const { remoteAddress, remotePort, localAddress, localPort } = socket;
  if (remoteAddress === undefined || remotePort === undefined) return undefined;
  if (localAddress === undefined || localPort === undefined) return undefined;
  // The client's row: its own end is the row's local address, ours the remote.
  const local = procNetAddress(remoteAddress, remotePort);
  const remote = procNetAddress(localAddress, localPort);
  if (local === undefined || remote === undefined) return undefined;
  let table: string;
  try {
    table = readTable();
  } catch {
    return undefined;
  }
  for (const line of table.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local && fields[2] === remote && /^\d+$/.test(fields[7] ?? '')) {
      return Number(fields[7]);
    }
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
  const readTable = options.readTcpTable ?? readProcTables;
  // On Linux the kernel names every connection's owner, so a peer it cannot
  // name is refused (fail closed); elsewhere the random path is the guard.
  const mustFindPeer = (options.platform ?? process.platform) === 'linux';
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
    if (ownerUid !== undefined && peer !== ownerUid && (peer !== undefined || mustFindPeer)) {
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
