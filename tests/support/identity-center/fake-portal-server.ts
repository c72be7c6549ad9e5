/**
 * An in-process fake of the IAM Identity Center portal
 * (portal.sso.<region>.amazonaws.com) for integration tests and benchmarks.
 *
 * It speaks REST-JSON exactly as botocore's model of the service (sso
 * 2019-06-10) describes it: GET /assignment/accounts, GET /assignment/roles,
 * GET /federation/credentials, POST /logout, the bearer token in
 * `x-amz-sso_bearer_token`, errors as status + `x-amzn-ErrorType` + body
 * `{"message": …}`. Tokens are checked against the TokenBook the fake OIDC
 * service issues into; logout revokes. Faults can be queued, latency added,
 * and a concurrency limit set, above which it answers 429 as the real portal
 * does when a client lists too many accounts at once.
 *
 * It records every request without its token or any credential.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PortalDirectory } from './portal-directory';
import {
  accountParam,
  headerValue,
  pageLimit,
  param,
  PortalHttpError,
  sendError,
  sendJson,
} from './portal-wire';
import type { TokenBook } from './token-book';

export type PortalOperation = 'ListAccounts' | 'ListAccountRoles' | 'GetRoleCredentials' | 'Logout';

export type PortalFault =
  /** 429 TooManyRequestsException. */
  | { kind: 'throttle' }
  /** The caller's token is revoked in the TokenBook ("revoked mid-day"), then the request fails 401. */
  | { kind: 'revoke' }
  /** A 5xx (or any) status with an AWS-shaped error body. */
  | { kind: 'status'; status: number }
  /** Never answer; the connection stays open until the client gives up or the server closes. */
  | { kind: 'hang' };

/** A queued fault, optionally for one operation only, served `times` times (default 1). */
export type PortalFaultRule = PortalFault & { operation?: PortalOperation; times?: number };

export interface FakePortalOptions {
  readonly tokens: TokenBook;
  /** Largest page the portal returns whatever max_result asks (default 20). */
  readonly pageSize?: number;
  /** Added before every answer (default 0). */
  readonly latencyMs?: number;
  /** Requests in flight above this get 429 at once (default: no limit). */
  readonly maxConcurrent?: number;
  /** Lifetime of role credentials (default 1 h). */
  readonly credentialLifetimeMs?: number;
  readonly now?: () => number;
}

/** One request as the portal saw it: no token, no credential. */
export interface PortalRequestRecord {
  readonly seq: number;
  readonly operation: PortalOperation | 'unknown';
  readonly inFlightAtArrival: number;
  readonly bearerSent: boolean;
  readonly accountId?: string;
  readonly roleName?: string;
  readonly nextTokenSent: boolean;
  readonly maxResult?: string;
  status?: number;
  errorType?: string;
  fault?: PortalFault['kind'] | 'concurrency';
}

/** What GetRoleCredentials handed out, so a test can compare what a client received. */
export interface IssuedRoleCredentials {
  readonly accountId: string;
  readonly roleName: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Epoch ms, as sent. */
  readonly expiration: number;
}

const ROUTES: Record<string, PortalOperation> = {
  'GET /assignment/accounts': 'ListAccounts',
  'GET /assignment/roles': 'ListAccountRoles',
  'GET /federation/credentials': 'GetRoleCredentials',
  'POST /logout': 'Logout',
};

export class FakePortalServer {
  readonly directory = new PortalDirectory();
  readonly requests: PortalRequestRecord[] = [];
  latencyMs: number;
  pageSize: number;
  maxConcurrent: number | undefined;
  readonly #options: FakePortalOptions;
  readonly #server: Server;
  readonly #faults: PortalFaultRule[] = [];
  readonly #issued = new Map<string, IssuedRoleCredentials>();
  /** Told of every role session handed out (so a test's STS can trust it, as AWS's does). */
  onIssue: ((credentials: IssuedRoleCredentials) => void) | undefined;
  #inFlight = 0;
  #maxInFlight = 0;
  #url = '';

  private constructor(options: FakePortalOptions) {
    this.#options = options;
    this.latencyMs = options.latencyMs ?? 0;
    this.pageSize = options.pageSize ?? 20;
    this.maxConcurrent = options.maxConcurrent;
    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#server.keepAliveTimeout = 5_000;
  }

  static async start(options: FakePortalOptions): Promise<FakePortalServer> {
    const portal = new FakePortalServer(options);
    await new Promise<void>((resolve) => portal.#server.listen(0, '127.0.0.1', resolve));
    const { port } = portal.#server.address() as AddressInfo;
    portal.#url = `http://127.0.0.1:${port}`;
    return portal;
  }

  /** For AWS_ENDPOINT_URL_SSO or a client's `endpoint`. */
  get url(): string {
    return this.#url;
  }

  /** Highest number of requests in flight at once since start or resetStats(). */
  get maxInFlight(): number {
    return this.#maxInFlight;
  }

  queueFault(rule: PortalFaultRule): void {
    this.#faults.push({ ...rule });
  }

  get queuedFaults(): number {
    return this.#faults.reduce((n, f) => n + (f.times ?? 1), 0);
  }

  count(operation: PortalOperation, status?: number): number {
    return this.requests.filter(
      (r) => r.operation === operation && (status === undefined || r.status === status),
    ).length;
  }

  issued(accessKeyId: string): IssuedRoleCredentials | undefined {
    return this.#issued.get(accessKeyId);
  }

  resetStats(): void {
    this.requests.length = 0;
    this.#maxInFlight = this.#inFlight;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://portal');
    const operation = ROUTES[`${req.method ?? ''} ${url.pathname}`] ?? 'unknown';
    const token = headerValue(req, 'x-amz-sso_bearer_token');
    const q = url.searchParams;
    this.#inFlight += 1;
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
    res.once('close', () => (this.#inFlight -= 1));
    const record: PortalRequestRecord = {
      seq: this.requests.length + 1,
      operation,
      inFlightAtArrival: this.#inFlight,
      bearerSent: token !== undefined,
      ...(q.has('account_id') ? { accountId: q.get('account_id') ?? '' } : {}),
      ...(q.has('role_name') ? { roleName: q.get('role_name') ?? '' } : {}),
      nextTokenSent: q.has('next_token'),
      ...(q.has('max_result') ? { maxResult: q.get('max_result') ?? '' } : {}),
    };
    this.requests.push(record);
    // Drain any body (Logout sends none) so keep-alive connections stay usable.
    req.resume();
    if (this.maxConcurrent !== undefined && this.#inFlight > this.maxConcurrent) {
      record.fault = 'concurrency';
      this.#later(() => sendError(res, record, new PortalHttpError(429)));
      return;
    }
    const fault = operation === 'unknown' ? undefined : this.#takeFault(operation);
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'hang') return;
    this.#later(() => {
      try {
        if (operation === 'unknown') {
          throw new PortalHttpError(404, `No route for ${req.method ?? ''} ${url.pathname}`);
        }
        if (fault?.kind === 'throttle') throw new PortalHttpError(429);
        if (fault?.kind === 'status') throw new PortalHttpError(fault.status);
        if (fault?.kind === 'revoke' && token !== undefined) this.#options.tokens.revoke(token);
        if (token === undefined || !this.#options.tokens.valid(token)) {
          throw new PortalHttpError(401);
        }
        sendJson(res, record, 200, this.#answer(operation, q, token));
      } catch (error) {
        if (!(error instanceof PortalHttpError)) throw error;
        sendError(res, record, error);
      }
    });
  }

  #answer(operation: PortalOperation, q: URLSearchParams, token: string): unknown {
    switch (operation) {
      case 'ListAccounts': {
        const found = this.directory.accountsPage(
          param(q, 'next_token'),
          pageLimit(q, this.pageSize),
        );
        if (found === 'bad-token') throw new PortalHttpError(400, 'Invalid next token');
        return {
          accountList: found.items.map((a) => ({
            accountId: a.accountId,
            accountName: a.accountName,
            emailAddress: a.emailAddress,
          })),
          ...(found.nextToken ? { nextToken: found.nextToken } : {}),
        };
      }
      case 'ListAccountRoles': {
        const accountId = accountParam(q);
        const found = this.directory.rolesPage(
          accountId,
          param(q, 'next_token'),
          pageLimit(q, this.pageSize),
        );
        if (found === 'bad-token') throw new PortalHttpError(400, 'Invalid next token');
        if (found === 'no-account') throw new PortalHttpError(404, 'Account not found');
        return {
          roleList: found.items.map((roleName) => ({ roleName, accountId })),
          ...(found.nextToken ? { nextToken: found.nextToken } : {}),
        };
      }
      case 'GetRoleCredentials': {
        const accountId = accountParam(q);
        const roleName = param(q, 'role_name');
        if (!roleName) throw new PortalHttpError(400, 'role_name is required');
        if (!this.directory.hasRole(accountId, roleName)) throw new PortalHttpError(403);
        return { roleCredentials: this.#issue(accountId, roleName) };
      }
      case 'Logout':
        this.#options.tokens.revoke(token);
        return undefined;
    }
  }

  #issue(
    accountId: string,
    roleName: string,
  ): Omit<IssuedRoleCredentials, 'accountId' | 'roleName'> {
    const now = this.#options.now ?? Date.now;
    const credentials: IssuedRoleCredentials = {
      accountId,
      roleName,
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiration: now() + (this.#options.credentialLifetimeMs ?? 3_600_000),
    };
    this.#issued.set(credentials.accessKeyId, credentials);
    this.onIssue?.(credentials);
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials;
    return { accessKeyId, secretAccessKey, sessionToken, expiration };
  }

  #takeFault(operation: PortalOperation): PortalFault | undefined {
    const at = this.#faults.findIndex((f) => !f.operation || f.operation === operation);
    if (at < 0) return undefined;
    const rule = this.#faults[at] as PortalFaultRule;
    const left = (rule.times ?? 1) - 1;
    if (left > 0) rule.times = left;
    else this.#faults.splice(at, 1);
    return rule;
  }

  #later(answer: () => void): void {
    if (this.latencyMs > 0) setTimeout(answer, this.latencyMs);
    else answer();
  }
}
