/**
 * An in-process stand-in for AWS's SSO OIDC service (oidc.<region>.amazonaws.com)
 * on 127.0.0.1, speaking its REST-JSON as botocore's model describes it:
 * POST /client/register, POST /device_authorization, POST /token (device code,
 * authorization code with PKCE S256, refresh token), and GET /authorize, the
 * page a browser opens for the authorization code flow. Errors are AWS's:
 * `{"error", "error_description"}` with `x-amzn-ErrorType`.
 *
 * Access tokens go into the shared TokenBook, where the fake portal checks
 * them. A fault queue makes any request misbehave on demand, and every request
 * is recorded (operation, grant type, time on the server's clock: never a
 * secret) so tests can assert poll intervals.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { readBody } from '../read-body';
import { checkAuthorize, decisionLocation } from './oidc-peer-authorize';
import {
  OidcRefusal,
  statusAnswer,
  type OidcFaultRule,
  type OidcOperation,
} from './oidc-peer-errors';
import { OidcGrants, type GrantSettings } from './oidc-peer-grants';
import type { TokenBook } from './token-book';

export { DEVICE_GRANT } from './oidc-peer-grants';
export type { OidcErrorCode, OidcFault, OidcFaultRule, OidcOperation } from './oidc-peer-errors';

export interface FakeOidcOptions {
  readonly tokens: TokenBook;
  /** The server's clock (token and code expiry, recorded times); default Date.now. */
  readonly now?: () => number;
  readonly accessTokenSeconds?: number;
  readonly refreshTokenSeconds?: number;
  readonly deviceCodeSeconds?: number;
  /** The polling interval StartDeviceAuthorization answers. */
  readonly interval?: number;
  readonly registrationSeconds?: number;
  /** Approve sign-ins (device and browser) at once; false: wait for approve()/deny(). */
  readonly autoApprove?: boolean;
  /** The start URL a browser sign-in is for (the authorize page has no other way to know it). */
  readonly startUrl?: string;
}

/** One request as recorded: no body, no secret. */
export interface OidcRequestRecord {
  readonly operation: OidcOperation | 'unknown';
  /** On the server's clock. */
  readonly at: number;
  grantType?: string;
  /** The HTTP status answered. */
  status: number;
  /** The OAuth error answered, if any. */
  error?: string;
}

type Decide = (approved: boolean) => void;

const ROUTES: Record<string, OidcOperation> = {
  'POST /client/register': 'register',
  'POST /device_authorization': 'device_authorization',
  'POST /token': 'token',
  'GET /authorize': 'authorize',
};

export class FakeOidcServer {
  readonly requests: OidcRequestRecord[] = [];
  readonly #grants: OidcGrants;
  readonly #faults: OidcFaultRule[] = [];
  readonly #waiting: Decide[] = [];
  readonly #sockets = new Set<Socket>();
  readonly #startUrl: string;
  #server: Server | undefined;
  #url = '';

  constructor(options: FakeOidcOptions) {
    const settings: GrantSettings = {
      tokens: options.tokens,
      now: options.now ?? Date.now,
      accessTokenSeconds: options.accessTokenSeconds ?? 3600,
      refreshTokenSeconds: options.refreshTokenSeconds ?? 90 * 86_400,
      deviceCodeSeconds: options.deviceCodeSeconds ?? 600,
      interval: options.interval ?? 5,
      registrationSeconds: options.registrationSeconds ?? 90 * 86_400,
      autoApprove: options.autoApprove ?? true,
    };
    this.#grants = new OidcGrants(settings);
    this.#startUrl = options.startUrl ?? 'https://d-1234567890.awsapps.com/start';
  }

  /** `http://127.0.0.1:PORT`, for AWS_ENDPOINT_URL_SSO_OIDC. */
  get url(): string {
    return this.#url;
  }

  get settings(): GrantSettings {
    return this.#grants.settings;
  }

  async start(): Promise<this> {
    const server = createServer((request, response) => void this.#handle(request, response));
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    this.#url = `http://127.0.0.1:${address.port}`;
    this.#server = server;
    return this;
  }

  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const decide of this.#waiting.splice(0)) decide(false);
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    server.closeAllConnections();
    await closed;
  }

  /** Queue faults, each used by the next request it matches. */
  inject(...rules: OidcFaultRule[]): void {
    this.#faults.push(...rules);
  }

  /** Approve every waiting browser sign-in and device authorization; how many there were. */
  approve(): number {
    return this.#decide(true);
  }

  /** Deny them (the browser goes back with error=access_denied; device polls get access_denied). */
  deny(): number {
    return this.#decide(false);
  }

  /** Browser sign-ins waiting for approve()/deny(). */
  get waitingBrowsers(): number {
    return this.#waiting.length;
  }

  /** Make every refresh token unusable, as when it expires or the user signs out elsewhere. */
  expireRefreshTokens(): void {
    const grants = this.#grants;
    grants.spentRefreshTokens.push(...grants.refreshTokens.keys());
    grants.refreshTokens.clear();
  }

  /** Every secret handed out so far (for tests that check none leaks into a message). */
  issuedSecrets(): string[] {
    const grants = this.#grants;
    return [
      ...[...grants.clients.values()].map((client) => client.secret),
      ...grants.devices.keys(),
      ...grants.codes.keys(),
      ...grants.refreshTokens.keys(),
      ...grants.spentRefreshTokens,
      ...grants.issuedAccessTokens,
    ];
  }

  /** Access tokens issued (oldest first), refresh tokens usable and spent: what a client should hold. */
  tokenRecord(): { access: string[]; refresh: string[]; spentRefresh: string[] } {
    const grants = this.#grants;
    return {
      access: [...grants.issuedAccessTokens],
      refresh: [...grants.refreshTokens.keys()],
      spentRefresh: [...grants.spentRefreshTokens],
    };
  }

  /** The recorded CreateToken requests of one grant type. */
  tokenRequests(grantType: string): OidcRequestRecord[] {
    return this.requests.filter((r) => r.operation === 'token' && r.grantType === grantType);
  }

  #decide(approved: boolean): number {
    const browsers = this.#waiting.splice(0);
    for (const decide of browsers) decide(approved);
    return browsers.length + this.#grants.decideDevices(approved);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const operation = ROUTES[`${request.method ?? ''} ${url.pathname}`];
    const record: OidcRequestRecord = {
      operation: operation ?? 'unknown',
      at: this.#grants.settings.now(),
      status: 0,
    };
    this.requests.push(record);
    try {
      if (!operation) throw new OidcRefusal('invalid_request', 'Unknown operation');
      if (operation === 'authorize') {
        await this.#authorize(url.searchParams, request, response, record);
        return;
      }
      const body = parseBody(await readBody(request, 64 * 1024));
      if (operation === 'token' && typeof body.grantType === 'string') {
        record.grantType = body.grantType;
      }
      if (this.#fault(operation, record, request, response)) return;
      const answer =
        operation === 'register'
          ? this.#grants.register(body)
          : operation === 'device_authorization'
            ? this.#grants.startDevice(body)
            : this.#grants.token(body);
      record.status = 200;
      send(response, 200, JSON.stringify(answer));
    } catch (error) {
      const refusal =
        error instanceof OidcRefusal ? error : new OidcRefusal('server_error', 'Unexpected error');
      record.status = refusal.status;
      record.error = refusal.code;
      send(response, refusal.status, refusal.body(), refusal.errorType);
    }
  }

  /** Answers a queued fault for this request, if one matches; true if it did. */
  #fault(
    operation: OidcOperation,
    record: OidcRequestRecord,
    request: IncomingMessage,
    response: ServerResponse,
  ): boolean {
    const index = this.#faults.findIndex(
      (rule) =>
        rule.operation === operation &&
        (rule.grantType === undefined || rule.grantType === record.grantType),
    );
    if (index < 0) return false;
    const [{ fault }] = this.#faults.splice(index, 1) as [OidcFaultRule];
    if (fault.kind === 'error') throw new OidcRefusal(fault.code, fault.description);
    if (fault.kind === 'reset') {
      record.status = -1;
      request.socket.destroy();
      return true;
    }
    const { type, body } = statusAnswer(fault.status);
    record.status = fault.status;
    send(response, fault.status, body, type);
    return true;
  }

  async #authorize(
    query: URLSearchParams,
    request: IncomingMessage,
    response: ServerResponse,
    record: OidcRequestRecord,
  ): Promise<void> {
    const checked = checkAuthorize(this.#grants, query);
    if (this.#fault('authorize', record, request, response)) return;
    const approved = this.#grants.settings.autoApprove
      ? true
      : await new Promise<boolean>((resolve) => this.#waiting.push(resolve));
    if (response.destroyed) return;
    record.status = 302;
    if (!approved) record.error = 'access_denied';
    const location = decisionLocation(this.#grants, checked, this.#startUrl, approved);
    response.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
    response.end();
  }
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Falls through to AWS's answer for a body it cannot read.
  }
  throw new OidcRefusal('invalid_request', 'The request body is not a JSON object');
}

function send(response: ServerResponse, status: number, body: string, errorType?: string): void {
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': randomUUID(),
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
  });
  response.end(body);
}

/** Starts a fake OIDC service on a free port of 127.0.0.1. */
export function startFakeOidcServer(options: FakeOidcOptions): Promise<FakeOidcServer> {
  return new FakeOidcServer(options).start();
}
