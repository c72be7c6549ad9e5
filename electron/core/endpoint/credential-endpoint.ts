import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SessionCredentials } from '../secret';
import { AnswerBodies, prepareJson, sendPrepared, type PreparedAnswer } from './answer-body';

/** What the endpoint hands out for a role: a session and the role it is for. */
export interface ServedCredentials {
  readonly credentials: SessionCredentials;
  readonly roleArn: string;
}

/** A role that cannot be served now; `message` names the fix and never holds a secret. */
export class EndpointUnavailable extends Error {
  override readonly name = 'EndpointUnavailable';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface CredentialEndpointOptions<G> {
  /** The port to try first (the one served last time); an OS-chosen one if it is taken. */
  readonly port?: number;
  /**
   * The live grant for `roleId` that `token` belongs to, or undefined; a
   * promise only when it has to be looked up (see answer()).
   */
  readonly authorize: (token: string, roleId: string) => G | undefined | Promise<G | undefined>;
  /**
   * The session to serve. Return the same object for as long as it is the same
   * session for the same role: its answer is built once (AnswerBodies).
   */
  readonly credentialsFor: (
    roleId: string,
    grant: G,
  ) => ServedCredentials | Promise<ServedCredentials>;
  /** Builds an answer; for tests that count builds. Default buildAnswer. */
  readonly buildAnswer?: (served: ServedCredentials) => PreparedAnswer;
}

export interface CredentialEndpoint {
  readonly port: number;
  /** What the server is bound to, for tests and logs: always 127.0.0.1. */
  address(): AddressInfo;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
}

export const ENDPOINT_HOST = '127.0.0.1';
/** Longest token we look at: ours are 43 characters. */
const MAX_TOKEN_LENGTH = 512;
const ROLE_PATH = /^\/role\/([^/?#]+)$/;
/** Request paths kept with their role id (RolePaths); more roles than this on one endpoint is unheard of. */
const MAX_KEPT_PATHS = 64;

/**
 * The local credential endpoint: the container credentials protocol (`GET`
 * with `Authorization: <token>`) on 127.0.0.1 only. Each request is checked in
 * turn: a loopback peer, a `Host` naming this port on 127.0.0.1 or localhost
 * (so a DNS-rebound page cannot reach it), GET, a role path, a grant's token
 * for that role. A body is never read, headers must arrive within seconds, and
 * every answer is JSON.
 */
export async function startCredentialEndpoint<G>(
  options: CredentialEndpointOptions<G>,
): Promise<CredentialEndpoint> {
  const server = createServer({
    maxHeaderSize: 8 * 1024,
    headersTimeout: 5_000,
    requestTimeout: 10_000,
    keepAliveTimeout: 5_000,
  });
  server.maxConnections = 256;
  // Headers too large, malformed or too slow: one plain answer, then the connection goes.
  server.on('clientError', (error: Error & { code?: string }, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      code: tooLarge ? 'HeadersTooLarge' : 'BadRequest',
      message: tooLarge ? 'the request headers are too large' : 'malformed request',
    });
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  const port = await listen(server, options.port);
  const serving: Serving<G> = {
    options,
    hosts: [`127.0.0.1:${port}`, `localhost:${port}`],
    answers: new AnswerBodies(options.buildAnswer),
    paths: new RolePaths(),
  };
  const failed = (res: ServerResponse): void => {
    if (!res.headersSent)
      send(res, 500, 'InternalError', 'the endpoint failed; see the refresher log');
    else res.destroy();
  };
  // Added here, before this continuation yields: no connection is read before it.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    try {
      answer(req, res, serving)?.catch(() => failed(res));
    } catch {
      failed(res);
    }
  });
  return {
    port,
    address: () => server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What one request needs besides itself, fixed once the server listens. */
interface Serving<G> {
  readonly options: CredentialEndpointOptions<G>;
  /** The two Host values accepted, made once rather than per request. */
  readonly hosts: readonly [string, string];
  readonly answers: AnswerBodies;
  readonly paths: RolePaths;
}

/**
 * Checks and answers one request. Synchronous while everything it needs is at
 * hand (a grant and a session already known: nearly every request); it goes
 * async only where a lookup does, so a request makes no promise chain to
 * collect. Returns a promise only then.
 */
function answer<G>(
  req: IncomingMessage,
  res: ServerResponse,
  at: Serving<G>,
): void | Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    send(res, 403, 'Forbidden', 'only processes on this machine may ask');
    return;
  }
  const host = req.headers.host;
  if (host !== at.hosts[0] && host !== at.hosts[1]) {
    send(res, 403, 'BadHost', `the Host header must be ${at.hosts[0]}`);
    return;
  }
  if (req.method !== 'GET') {
    // The body is never read: close the connection rather than drain it.
    res.setHeader('Allow', 'GET');
    res.shouldKeepAlive = false;
    send(res, 405, 'MethodNotAllowed', 'only GET is served');
    return;
  }
  const roleId = at.paths.roleId(req.url ?? '');
  if (roleId === undefined) {
    send(res, 404, 'NotFound', 'no such path; use the URI `switchyard endpoint` printed');
    return;
  }
  const token = req.headers.authorization;
  const usable = typeof token === 'string' && token.length > 0 && token.length <= MAX_TOKEN_LENGTH;
  const grant = usable ? at.options.authorize(token, roleId) : undefined;
  if (grant instanceof Promise) return grant.then((found) => serveGrant(res, at, roleId, found));
  return serveGrant(res, at, roleId, grant);
}

function serveGrant<G>(
  res: ServerResponse,
  at: Serving<G>,
  roleId: string,
  grant: G | undefined,
): void | Promise<void> {
  if (grant === undefined) {
    send(
      res,
      401,
      'Unauthorized',
      'no valid grant for this token; run `switchyard endpoint <role>` again',
    );
    return;
  }
  let served: ServedCredentials | Promise<ServedCredentials>;
  try {
    served = at.options.credentialsFor(roleId, grant);
  } catch (error) {
    unavailable(res, error);
    return;
  }
  if (served instanceof Promise) {
    return served.then(
      (ready) => sendPrepared(res, 200, at.answers.for(ready)),
      (error: unknown) => unavailable(res, error),
    );
  }
  sendPrepared(res, 200, at.answers.for(served));
}

function unavailable(res: ServerResponse, error: unknown): void {
  const code = error instanceof EndpointUnavailable ? error.code : 'CredentialsUnavailable';
  send(res, 503, code, firstLine(error));
}

/**
 * The role id in a request path. A client asks the same path every time, so
 * the last few paths seen are kept with their id: no match array and no
 * decoded string per request.
 */
class RolePaths {
  readonly #seen = new Map<string, string | undefined>();

  roleId(url: string): string | undefined {
    if (this.#seen.has(url)) return this.#seen.get(url);
    const roleId = rolePathId(url);
    // Bounded: a flood of made-up paths costs one decode each, never memory.
    if (this.#seen.size >= MAX_KEPT_PATHS) this.#seen.clear();
    this.#seen.set(url, roleId);
    return roleId;
  }
}

function rolePathId(url: string): string | undefined {
  const match = ROLE_PATH.exec(url);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** Bound to 127.0.0.1, so this holds by construction; checked anyway, as the last word. */
function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

function send(res: ServerResponse, status: number, code: string, message: string): void {
  sendPrepared(res, status, prepareJson({ code, message }));
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\r?\n/)[0] ?? message;
}

/** Listens on 127.0.0.1: the preferred port if it is free, else one the OS chooses. */
async function listen(server: Server, preferred: number | undefined): Promise<number> {
  const attempt = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      server.once('error', onError);
      server.listen({ host: ENDPOINT_HOST, port, exclusive: true }, () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      });
    });
  if (preferred !== undefined && preferred > 0) {
    try {
      return await attempt(preferred);
    } catch {
      // Taken by something else since (or not ours to bind): any free port will do.
    }
  }
  return attempt(0);
}
