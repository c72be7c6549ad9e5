/**
 * A local stand-in for https://signin.aws.amazon.com/federation (console federation), so
 * the "open console" flow can be tested end to end without the internet.
 *
 * - `Action=getSigninToken` (GET query or POST form) with `Session` = URL-encoded JSON
 *   {sessionId, sessionKey, sessionToken} → 200 {"SigninToken": "…"}.
 * - `Action=login&Issuer&Destination&SigninToken` → 302 to Destination for a token it issued,
 *   setting the cookie `aws-userInfo` (who signed in: the role session's ARN when an STS
 *   stand-in vouched for the credentials), as the console keeps its identity in cookies.
 * - `/oauth?Action=logout&redirect_uri=…` → 302 to redirect_uri (tools log out first).
 * - `/console…` → a small HTML page, usable as a loopback Destination for browser tests; it
 *   names the identity in this browser's `aws-userInfo` cookie, if any.
 *
 * The request log records which parameters were present, never their secret values.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { IssuedKeyInfo } from './fault-sts-server';
import { readBody } from './read-body';

/** The three fields AWS expects in the Session JSON. */
export interface FederationSession {
  sessionId: string;
  sessionKey: string;
  sessionToken: string;
}

/** What the server can ask an STS stand-in about the credentials; FaultStsServer fits. */
export interface SessionVerifier {
  describeCredentials(credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
  }): IssuedKeyInfo | undefined;
}

export interface SigninServerOptions {
  /**
   * Answer 400 whenever SessionDuration is sent, as AWS does for role-chained credentials.
   * Changeable later through `setRejectSessionDuration`.
   */
  rejectSessionDuration?: boolean;
  /**
   * When given, the Session must be credentials this STS stand-in issued (else 400), and
   * SessionDuration is rejected for chained ones, like the real endpoint.
   */
  sts?: SessionVerifier;
  /** How long a sign-in token stays usable. AWS: 15 minutes. */
  tokenLifetimeMs?: number;
}

/** One request, without secret values (no Session contents, no SigninToken). */
export interface SigninRequestRecord {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  /** The Action parameter, if any. */
  readonly action?: string;
  /** Names of the parameters present (query and form body together). */
  readonly params: readonly string[];
  readonly sessionDurationSent: boolean;
  readonly sessionDuration?: number;
  /** Keys present in the Session JSON, when it parsed. */
  sessionFields?: readonly string[];
  /** For login: the Destination (a URL, not a secret) and whether the token was valid. */
  destination?: string;
  issuer?: string;
  tokenValid?: boolean;
  status: number;
  /** Why the request was refused, in words. */
  error?: string;
}

export interface SigninServer {
  /** e.g. http://127.0.0.1:PORT/federation */
  readonly baseUrl: string;
  /** e.g. http://127.0.0.1:PORT/oauth (Action=logout&redirect_uri=…) */
  readonly logoutUrl: string;
  /** e.g. http://127.0.0.1:PORT/console/home — a page to use as Destination. */
  readonly consoleUrl: string;
  readonly port: number;
  readonly requests: readonly SigninRequestRecord[];
  /** Tokens issued so far (count only). */
  readonly issuedTokens: number;
  setRejectSessionDuration(reject: boolean): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

export async function startSigninServer(options: SigninServerOptions = {}): Promise<SigninServer> {
  const tokenLifetimeMs = options.tokenLifetimeMs ?? 15 * 60_000;
  let rejectSessionDuration = options.rejectSessionDuration ?? false;
  // token → expiry (epoch ms) and who it signs in
  const tokens = new Map<string, { expiry: number; identity: string }>();
  const requests: SigninRequestRecord[] = [];
  const sockets = new Set<Socket>();

  function send(
    res: ServerResponse,
    record: SigninRequestRecord,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ): void {
    record.status = status;
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end(body);
  }

  function fail(res: ServerResponse, record: SigninRequestRecord, status: number, why: string) {
    record.error = why;
    // AWS answers these with an HTML error page; the status is what clients can rely on.
    send(res, record, status, `<html><body>${why}</body></html>`, {
      'content-type': 'text/html; charset=utf-8',
    });
  }

  function getSigninToken(
    params: URLSearchParams,
    record: SigninRequestRecord,
    res: ServerResponse,
  ) {
    const raw = params.get('Session');
    if (raw === null) return fail(res, record, 400, 'Session is missing');
    let session: unknown;
    try {
      session = JSON.parse(raw);
    } catch {
      return fail(res, record, 400, 'Session is not valid JSON');
    }
    if (!session || typeof session !== 'object' || Array.isArray(session)) {
      return fail(res, record, 400, 'Session is not a JSON object');
    }
    record.sessionFields = Object.keys(session);
    const s = session as Partial<Record<keyof FederationSession, unknown>>;
    if (
      typeof s.sessionId !== 'string' ||
      typeof s.sessionKey !== 'string' ||
      typeof s.sessionToken !== 'string'
    ) {
      return fail(res, record, 400, 'Session needs string sessionId, sessionKey and sessionToken');
    }
    if (record.sessionDurationSent) {
      const d = record.sessionDuration;
      if (d === undefined || !Number.isInteger(d) || d < 900 || d > 43200) {
        return fail(res, record, 400, 'SessionDuration must be an integer from 900 to 43200');
      }
      if (rejectSessionDuration) {
        return fail(res, record, 400, 'SessionDuration is not allowed for these credentials');
      }
    }
    let identity = 'unverified session';
    if (options.sts) {
      const info = options.sts.describeCredentials({
        accessKeyId: s.sessionId,
        secretAccessKey: s.sessionKey,
        sessionToken: s.sessionToken,
      });
      if (!info) return fail(res, record, 400, 'Session credentials are not valid');
      identity = info.arn;
      if (info.chained && record.sessionDurationSent) {
        return fail(
          res,
          record,
          400,
          'SessionDuration is not allowed for role-chained credentials',
        );
      }
    }
    const token = randomBytes(96).toString('base64url');
    tokens.set(token, { expiry: Date.now() + tokenLifetimeMs, identity });
    send(res, record, 200, JSON.stringify({ SigninToken: token }), {
      'content-type': 'application/json',
    });
  }

  function login(params: URLSearchParams, record: SigninRequestRecord, res: ServerResponse) {
    const destination = params.get('Destination');
    const token = params.get('SigninToken');
    record.destination = destination ?? undefined;
    record.issuer = params.get('Issuer') ?? undefined;
    const issued = token === null ? undefined : tokens.get(token);
    const tokenValid = issued !== undefined && issued.expiry > Date.now();
    record.tokenValid = tokenValid;
    if (!destination) return fail(res, record, 400, 'Destination is missing');
    if (!tokenValid) return fail(res, record, 400, 'SigninToken is missing, unknown or expired');
    send(res, record, 302, '', {
      location: destination,
      'set-cookie': `aws-userInfo=${encodeURIComponent(issued.identity)}; Path=/; HttpOnly; SameSite=Lax`,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = new URLSearchParams(url.search);
    if (req.method === 'POST') {
      let body: string;
      try {
        body = await readBody(req, MAX_BODY_BYTES);
      } catch {
        req.socket.destroy();
        return;
      }
      for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
    }
    const duration = params.get('SessionDuration');
    const record: SigninRequestRecord = {
      at: Date.now(),
      method: req.method ?? '',
      path: url.pathname,
      action: params.get('Action') ?? undefined,
      params: [...new Set(params.keys())],
      sessionDurationSent: duration !== null,
      ...(duration !== null && { sessionDuration: Number(duration) }),
      status: 0,
    };
    requests.push(record);

    if (req.method !== 'GET' && req.method !== 'POST') {
      return fail(res, record, 405, 'Method not allowed');
    }
    if (url.pathname === '/federation') {
      if (record.action === 'getSigninToken') return getSigninToken(params, record, res);
      if (record.action === 'login') return login(params, record, res);
      return fail(res, record, 400, 'Unknown Action');
    }
    if (url.pathname === '/oauth' && record.action === 'logout') {
      const target = params.get('redirect_uri');
      if (!target) return fail(res, record, 400, 'redirect_uri is missing');
      return send(res, record, 302, '', { location: target });
    }
    if (url.pathname === '/console' || url.pathname.startsWith('/console/')) {
      const who = /(?:^|;\s*)aws-userInfo=([^;]*)/.exec(req.headers.cookie ?? '')?.[1];
      const name = who === undefined ? 'nobody' : decodeURIComponent(who);
      const escaped = name.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
      return send(
        res,
        record,
        200,
        '<!doctype html><html><head><title>AWS Management Console (test)</title></head>' +
          `<body><h1>Signed in</h1><p id="identity">${escaped}</p></body></html>`,
        { 'content-type': 'text/html; charset=utf-8' },
      );
    }
    fail(res, record, 404, 'Not found');
  }

  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('signin server has no port');
  const origin = `http://127.0.0.1:${address.port}`;

  return {
    baseUrl: `${origin}/federation`,
    logoutUrl: `${origin}/oauth`,
    consoleUrl: `${origin}/console/home`,
    port: address.port,
    requests,
    get issuedTokens() {
      return tokens.size;
    },
    setRejectSessionDuration(reject: boolean) {
      rejectSessionDuration = reject;
    },
    async close() {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}
