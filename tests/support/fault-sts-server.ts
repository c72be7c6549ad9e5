/**
 * An in-process STS endpoint for integration tests.
 *
 * It speaks the AWS Query protocol exactly as @aws-sdk/client-sts and botocore send it
 * (form-encoded POST, SigV4 Authorization header) and answers with AWS-shaped XML, so the
 * real SDK parses its responses and errors the same way it would parse AWS's.
 *
 * Why not just moto: moto accepts what AWS rejects (DurationSeconds above the role maximum,
 * role chaining beyond one hour, ExternalId, MFA) and cannot fail on demand. This server
 * enforces those rules and has a programmable fault queue for retry, timeout and
 * concurrency tests. The caller is identified by the access key id in the credential
 * scope, and issued session keys must come with their token. Signatures are verified,
 * with the AWS SDK's own signer, for every key whose secret the server knows.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { readBody } from './read-body';
import { parseAuthorization, referenceSignature } from './verify-sigv4';

export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_API_VERSION = '2011-06-15';

export type StsAction = 'AssumeRole' | 'GetSessionToken' | 'GetCallerIdentity';

/** One way of misbehaving. A queued or default fault replaces (or, for delay, precedes) the normal answer. */
export type StsFault =
  /** 400 Throttling "Rate exceeded", as STS answers when a caller exceeds its request rate. */
  | { kind: 'throttle'; message?: string }
  /**
   * A bare HTTP status. Without `body`, 5xx statuses get an AWS-shaped Receiver error
   * (500 InternalFailure, 503 ServiceUnavailable, …) and other statuses an empty body;
   * pass `body`/`contentType` to imitate a load balancer's HTML page instead.
   */
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  /** Any AWS-shaped error, e.g. { code: 'AccessDenied', status: 403, message }. Status defaults to 400. */
  | { kind: 'error'; code: string; status?: number; message?: string; type?: 'Sender' | 'Receiver' }
  /** Wait `ms` (on top of the latency setting), then answer normally. */
  | { kind: 'delay'; ms: number }
  /** Never answer; the socket stays open until the client gives up or the server stops. */
  | { kind: 'hang' }
  /**
   * Send the status line and headers of the normal answer at once, then its body one
   * byte every `intervalMs` (default 1000): an idle timer never fires, a deadline must.
   */
  | { kind: 'trickle'; intervalMs?: number }
  /** Destroy the socket after reading the request (the client sees ECONNRESET / socket hang up). */
  | { kind: 'reset' }
  /** 200 with a truncated, unparseable XML body. */
  | { kind: 'malformed' }
  /**
   * 403 SignatureDoesNotMatch "Signature expired: …" with a Date header `serverAheadMs`
   * (default 20 min) after the request's X-Amz-Date, so the SDK can correct its clock.
   */
  | { kind: 'skew'; serverAheadMs?: number };

export type StsFaultKind = StsFault['kind'];

/** A queued fault, optionally limited to one action and/or one RoleArn. */
export type StsFaultRule = StsFault & { action?: StsAction; roleArn?: string };

export interface RoleSettings {
  /** MaxSessionDuration of the role in seconds (AWS: 3600–43200). Default: the server's `defaultMaxDuration`. */
  maxDuration?: number;
  /** When set, AssumeRole must pass exactly this ExternalId. */
  externalId?: string;
  /** The trust policy requires aws:MultiFactorAuthPresent. */
  requireMfa?: boolean;
  /** The trust policy does not allow anyone: every AssumeRole is AccessDenied. */
  deny?: boolean;
}

export interface MfaDevice {
  serial: string;
  /** The one-time code the "device" currently shows (6 digits). */
  code: string;
  /** Reject a code that was already accepted once, as AWS does within a code's time window. */
  singleUse?: boolean;
}

export interface FaultStsServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Account of callers whose key is neither issued nor added with addUser. Default 123456789012. */
  accountId?: string;
  /** MaxSessionDuration of roles not configured with `maxDuration`. Default 3600. */
  defaultMaxDuration?: number;
  /** The MFA device of every user. Default serial arn:aws:iam::<accountId>:mfa/switchyard-test, code 123456. */
  mfa?: MfaDevice | null;
  /** Shift of the server's clock (ms) used for Expiration and expiry checks; negative makes credentials expire sooner. */
  clockOffsetMs?: number;
  /** Added before every response. */
  latencyMs?: number;
  /** 'deny' answers AccessDenied for roles never passed to configureRole (as AWS does for missing roles). Default 'allow'. */
  unknownRoles?: 'allow' | 'deny';
  /** Reject keys that were neither issued nor added (403 InvalidClientTokenId). Default false: they act as an IAM user. */
  strictKeys?: boolean;
  /**
   * Check the SigV4 signature of callers whose secret the server knows (keys it
   * issued, users added with addUser/createUser), with the AWS SDK's own signer;
   * a mismatch is 403 SignatureDoesNotMatch. Default true.
   */
  verifySignatures?: boolean;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string };
}

export type CallerKind = 'user' | 'assumed-role' | 'session-token';

/** Non-secret facts about credentials this server issued. */
export interface IssuedKeyInfo {
  readonly accessKeyId: string;
  readonly kind: 'assumed-role' | 'session-token';
  /** Assumed-role ARN for AssumeRole keys, the user ARN for GetSessionToken keys. */
  readonly arn: string;
  readonly userId: string;
  readonly account: string;
  readonly roleArn?: string;
  readonly roleSessionName?: string;
  readonly durationSeconds: number;
  readonly expiration: Date;
  /** Issued by AssumeRole called with temporary credentials. */
  readonly chained: boolean;
  /** Carries MFA context (only GetSessionToken keys obtained with a valid code). */
  readonly mfa: boolean;
  /** Why the key was issued to: the caller's ARN. */
  readonly issuedTo: string;
}

/** One request as the server saw it. Holds no secret: no secret key, session token or MFA code. */
export interface StsRequestRecord {
  readonly seq: number;
  /** The Action parameter ('' when missing). */
  action: string;
  /** Epoch ms when the request arrived. */
  readonly at: number;
  /** Epoch ms when the response finished or the connection closed. */
  endedAt?: number;
  /** Concurrent requests including this one, at arrival. */
  readonly inFlightAtArrival: number;
  /** X-Amz-Date of the signature as epoch ms (shows whether the client corrected its clock). */
  signedAt?: number;
  /** The access key id from the credential scope (an identifier, not a secret). */
  accessKeyId?: string;
  /** The User-Agent header: tells the AWS SDK's requests from Switchyard's own. */
  userAgent?: string;
  callerArn?: string;
  callerKind?: CallerKind;
  sessionTokenSent: boolean;
  roleArn?: string;
  roleSessionName?: string;
  durationSeconds?: number;
  externalId?: string;
  serialNumber?: string;
  /** Whether a TokenCode was sent; its value is never recorded. */
  tokenCodeSent: boolean;
  /** The fault that was served, if any. */
  fault?: StsFaultKind;
  status?: number;
  /** AWS error code of the answer, if it was an error. */
  errorCode?: string;
  /** The client closed the connection before an answer was sent. */
  aborted?: boolean;
}

export interface StsServerStats {
  total: number;
  byAction: Record<string, number>;
  /** Error responses by code (faults included). */
  byErrorCode: Record<string, number>;
  faultsServed: number;
  queuedFaults: number;
  inFlight: number;
  /** Highest number of concurrent requests since start or the last reset(). */
  maxInFlight: number;
  issuedKeys: number;
}

interface UserEntry {
  arn: string;
  userId: string;
  account: string;
  secretAccessKey: string;
}

interface IssuedKey extends IssuedKeyInfo {
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

interface Caller {
  accessKeyId: string;
  kind: CallerKind;
  arn: string;
  userId: string;
  account: string;
  /** Present when the caller used temporary credentials from this server. */
  issued?: IssuedKey;
}

interface Reply {
  status: number;
  body: string;
  headers?: OutgoingHttpHeaders;
  errorCode?: string;
}

class StsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

const DEFAULT_ACCOUNT = '123456789012';
const DEFAULT_MFA_CODE = '123456';
const MAX_BODY_BYTES = 1024 * 1024;
const CHAINED_SESSION_LIMIT = 3600;
const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;
const USER_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):(user\/.+|root)$/;
const CREDENTIAL_SCOPE = /Credential=([^/,\s]+)\//;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += BASE32[(bytes[i % bytes.length] ?? 0) % 32];
  return out;
}

/** AWS-looking identifier: prefix + uppercase base32, 20 chars for keys, 21 for unique ids. */
function randomId(prefix: string, total = 20): string {
  return prefix + base32(randomBytes(total), total - prefix.length);
}

/** Stable ids (role ids, user ids) derived from an ARN, so repeated calls agree. */
function stableId(prefix: string, seed: string): string {
  return prefix + base32(createHash('sha256').update(seed).digest(), 21 - prefix.length);
}

function xmlEscape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** AWS prints Expiration without milliseconds: 2026-01-01T12:00:00Z. */
function awsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** SigV4 basic format, as in X-Amz-Date: 20260101T120000Z. */
function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

function parseAmzDate(value: string | undefined): number | undefined {
  const m = value?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function errorXml(code: string, message: string, type: 'Sender' | 'Receiver', requestId: string) {
  return (
    `<ErrorResponse xmlns="${STS_XMLNS}">\n` +
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(code)}</Code>\n` +
    `    <Message>${xmlEscape(message)}</Message>\n  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`
  );
}

function resultXml(action: string, inner: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${STS_XMLNS}">\n` +
    `  <${action}Result>\n${inner}  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
    `</${action}Response>\n`
  );
}

function credentialsXml(key: IssuedKey): string {
  return (
    `    <Credentials>\n` +
    `      <AccessKeyId>${key.accessKeyId}</AccessKeyId>\n` +
    `      <SecretAccessKey>${key.secretAccessKey}</SecretAccessKey>\n` +
    `      <SessionToken>${key.sessionToken}</SessionToken>\n` +
    `      <Expiration>${awsTimestamp(key.expiration.getTime())}</Expiration>\n` +
    `    </Credentials>\n`
  );
}

/** AWS's multi-error ValidationError wording: "2 validation errors detected: …; …". */
function validationError(problems: string[]): StsError {
  const n = problems.length;
  return new StsError(
    400,
    'ValidationError',
    `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
  );
}

function notAuthorized(callerArn: string, roleArn: string): StsError {
  return new StsError(
    403,
    'AccessDenied',
    `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  );
}

function mfaFailed(): StsError {
  return new StsError(
    403,
    'AccessDenied',
    'MultiFactorAuthentication failed with invalid MFA one time pass code.',
  );
}

/** Same rules as the STS model: integer within [min, max]. */
function checkDuration(
  raw: string | null,
  min: number,
  max: number,
  fallback: number,
  problems: string[],
): number {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) {
    problems.push(
      `Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer`,
    );
  } else if (n < min) {
    problems.push(
      `Value '${n}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
    );
  } else if (n > max) {
    problems.push(
      `Value '${n}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  }
  return n;
}

function checkMfaParams(params: URLSearchParams, problems: string[]): void {
  const serial = params.get('SerialNumber');
  const code = params.get('TokenCode');
  if (
    serial !== null &&
    (serial.length < 9 || serial.length > 256 || !/^[\w+=/:,.@-]*$/.test(serial))
  ) {
    problems.push(
      `Value '${serial}' at 'serialNumber' failed to satisfy constraint: Member must have length between 9 and 256 and match [\\w+=/:,.@-]*`,
    );
  }
  // The value is deliberately not echoed: it is a secret, even a wrong one.
  if (code !== null && !/^\d{6}$/.test(code)) {
    problems.push(`Value at 'tokenCode' failed to satisfy constraint: Member must be 6 digits`);
  }
}

export class FaultStsServer {
  readonly #options: Required<Omit<FaultStsServerOptions, 'mfa' | 'port' | 'tls'>>;
  readonly #tls: FaultStsServerOptions['tls'];
  #server: Server | undefined;
  #port: number;
  readonly #sockets = new Set<Socket>();
  #abort = new AbortController();
  #closed = false;

  #latencyMs: number;
  #clockOffsetMs: number;
  #mfa: MfaDevice | null;
  readonly #usedMfaCodes = new Set<string>();
  #queue: StsFaultRule[] = [];
  #defaultFault: StsFault | null = null;
  readonly #defaultFaultByAction = new Map<StsAction, StsFault>();

  readonly #roles = new Map<string, RoleSettings>();
  readonly #users = new Map<string, UserEntry>();
  readonly #issued = new Map<string, IssuedKey>();
  readonly #revoked = new Set<string>();

  #requests: StsRequestRecord[] = [];
  #seq = 0;
  #inFlight = 0;
  #maxInFlight = 0;
  #waiters: Array<() => void> = [];

  constructor(options: FaultStsServerOptions = {}) {
    const accountId = options.accountId ?? DEFAULT_ACCOUNT;
    this.#options = {
      accountId,
      defaultMaxDuration: options.defaultMaxDuration ?? 3600,
      clockOffsetMs: options.clockOffsetMs ?? 0,
      latencyMs: options.latencyMs ?? 0,
      unknownRoles: options.unknownRoles ?? 'allow',
      strictKeys: options.strictKeys ?? false,
      verifySignatures: options.verifySignatures ?? true,
    };
    this.#port = options.port ?? 0;
    this.#tls = options.tls;
    this.#latencyMs = this.#options.latencyMs;
    this.#clockOffsetMs = this.#options.clockOffsetMs;
    this.#mfa =
      options.mfa === undefined
        ? { serial: `arn:aws:iam::${accountId}:mfa/switchyard-test`, code: DEFAULT_MFA_CODE }
        : options.mfa;
  }

  /** Client connections open right now (kept-alive ones included). */
  get openConnections(): number {
    return this.#sockets.size;
  }

  /** e.g. http://127.0.0.1:PORT (https with `tls`) — stays the same across stop()/start(). */
  get endpoint(): string {
    return `${this.#tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  get port(): number {
    if (this.#port === 0) throw new Error('FaultStsServer has not been started');
    return this.#port;
  }

  get running(): boolean {
    return this.#server !== undefined;
  }

  /** Live request log, oldest first. */
  get requests(): readonly StsRequestRecord[] {
    return this.#requests;
  }

  /** The users' MFA device; assign to change the serial or "advance" the code. */
  get mfa(): MfaDevice | null {
    return this.#mfa;
  }

  set mfa(device: MfaDevice | null) {
    this.#mfa = device;
    this.#usedMfaCodes.clear();
  }

  /** Listen (again) on the same port. Resolves once listening; no-op when running. */
  async start(): Promise<void> {
    if (this.#closed) throw new Error('FaultStsServer was closed');
    if (this.#server) return;
    this.#abort = new AbortController();
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.#handle(req, res);
    const server: Server = this.#tls
      ? createHttpsServer(this.#tls, handler)
      : createServer(handler);
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      server.once('error', onError);
      server.listen(this.#port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.#port = address.port;
    this.#server = server;
  }

  /**
   * Go away: stop listening and cut every connection (hanging requests included) at once.
   * State (issued keys, roles, log) is kept so start() brings the "same" service back.
   */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    this.#abort.abort();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    server.closeAllConnections();
    await closed;
  }

  /** stop() for good. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.stop();
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Queue faults; each is consumed by the next request it matches (by action/roleArn when given). */
  inject(faults: StsFaultRule | readonly StsFaultRule[]): void {
    this.#queue.push(...(Array.isArray(faults) ? faults : [faults as StsFaultRule]));
  }

  /** Fault for every request (or every request of one action) the queue does not cover; null clears it. */
  setDefaultFault(fault: StsFault | null, action?: StsAction): void {
    if (action) {
      if (fault) this.#defaultFaultByAction.set(action, fault);
      else this.#defaultFaultByAction.delete(action);
    } else {
      this.#defaultFault = fault;
    }
  }

  /** Delay before every response, faults included. */
  setLatency(ms: number): void {
    this.#latencyMs = ms;
  }

  /** Shift the server clock used for Expiration and expiry checks. */
  setClockOffset(ms: number): void {
    this.#clockOffsetMs = ms;
  }

  /** Role rules; roles never configured behave as `{ maxDuration: defaultMaxDuration }` (or deny, per `unknownRoles`). */
  configureRole(roleArn: string, settings: RoleSettings = {}): void {
    this.#roles.set(roleArn, { ...settings });
  }

  /**
   * Register a long-term key for an IAM user (GetCallerIdentity returns `userArn`).
   * Requests signed with it are verified against `secretAccessKey` (see
   * `verifySignatures`).
   */
  addUser(accessKeyId: string, secretAccessKey: string, userArn: string): void {
    const m = USER_ARN.exec(userArn);
    if (!m) throw new Error(`not an IAM user ARN: ${userArn}`);
    this.#users.set(accessKeyId, {
      arn: userArn,
      userId: stableId('AIDA', userArn),
      account: m[2]!,
      secretAccessKey,
    });
  }

  /**
   * Accept a role session another AWS service issued (the Identity Center
   * portal's GetRoleCredentials) as that assumed role: calls signed with it
   * are verified, and AssumeRole with it is role chaining (1 hour at most).
   */
  trustSession(session: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    expiration: number;
    assumedRoleArn: string;
  }): void {
    const account = /^arn:aws[\w-]*:sts::(\d{12}):assumed-role\//.exec(session.assumedRoleArn)?.[1];
    if (!account) throw new Error(`not an assumed-role ARN: ${session.assumedRoleArn}`);
    this.#issued.set(session.accessKeyId, {
      accessKeyId: session.accessKeyId,
      kind: 'assumed-role',
      arn: session.assumedRoleArn,
      userId: stableId('AROA', session.assumedRoleArn),
      account,
      durationSeconds: Math.round((session.expiration - this.#now()) / 1000),
      expiration: new Date(session.expiration),
      chained: false,
      mfa: false,
      issuedTo: 'sso.amazonaws.com',
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
    });
  }

  /** Create a fresh AKIA key pair for `userArn` and register it. */
  createUser(userArn: string): { accessKeyId: string; secretAccessKey: string } {
    const accessKeyId = randomId('AKIA');
    const secretAccessKey = randomBytes(30).toString('base64');
    this.addUser(accessKeyId, secretAccessKey, userArn);
    return { accessKeyId, secretAccessKey };
  }

  /** Facts about a key this server issued, or undefined. */
  describeKey(accessKeyId: string): IssuedKeyInfo | undefined {
    const key = this.#issued.get(accessKeyId);
    return key && publicInfo(key);
  }

  /** Like describeKey, but only when secret and token also match what was issued (for the sign-in stand-in). */
  describeCredentials(credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
  }): IssuedKeyInfo | undefined {
    const key = this.#issued.get(credentials.accessKeyId);
    if (!key || this.#revoked.has(key.accessKeyId)) return undefined;
    if (key.secretAccessKey !== credentials.secretAccessKey) return undefined;
    if (key.sessionToken !== credentials.sessionToken) return undefined;
    return publicInfo(key);
  }

  /** Make an issued (or added) key invalid: later calls with it get 403 InvalidClientTokenId. */
  revokeKey(accessKeyId: string): void {
    this.#revoked.add(accessKeyId);
  }

  stats(): StsServerStats {
    const byAction: Record<string, number> = {};
    const byErrorCode: Record<string, number> = {};
    let faultsServed = 0;
    for (const r of this.#requests) {
      byAction[r.action] = (byAction[r.action] ?? 0) + 1;
      if (r.errorCode) byErrorCode[r.errorCode] = (byErrorCode[r.errorCode] ?? 0) + 1;
      if (r.fault) faultsServed++;
    }
    return {
      total: this.#requests.length,
      byAction,
      byErrorCode,
      faultsServed,
      queuedFaults: this.#queue.length,
      inFlight: this.#inFlight,
      maxInFlight: this.#maxInFlight,
      issuedKeys: this.#issued.size,
    };
  }

  /** Number of requests for one action so far. */
  count(action: StsAction): number {
    return this.#requests.filter((r) => r.action === action).length;
  }

  /**
   * Between tests: forget the request log and every fault, and put latency and the clock
   * offset back to the start options. Roles, users, MFA and issued keys stay, so
   * credentials obtained earlier keep working. (The log is a new array: read `requests`
   * again afterwards.)
   */
  reset(): void {
    this.#requests = [];
    this.#queue = [];
    this.#defaultFault = null;
    this.#defaultFaultByAction.clear();
    this.#latencyMs = this.#options.latencyMs;
    this.#clockOffsetMs = this.#options.clockOffsetMs;
    this.#maxInFlight = this.#inFlight;
  }

  /** Resolve once at least `count` requests have arrived; reject after `timeoutMs`. */
  async waitForRequests(count: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.#requests.length < count) {
      const remaining = deadline - Date.now();
      if (remaining <= 0 || this.#closed) {
        throw new Error(
          `waited ${timeoutMs} ms for ${count} STS request(s), saw ${this.#requests.length}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, remaining);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.#waiters.push(done);
      });
    }
  }

  #now(): number {
    return Date.now() + this.#clockOffsetMs;
  }

  #takeFault(action: string, roleArn: string | undefined): StsFault | undefined {
    const i = this.#queue.findIndex(
      (f) =>
        (f.action === undefined || f.action === action) &&
        (f.roleArn === undefined || f.roleArn === roleArn),
    );
    if (i >= 0) return this.#queue.splice(i, 1)[0];
    return this.#defaultFaultByAction.get(action as StsAction) ?? this.#defaultFault ?? undefined;
  }

  /** Resolves true after `ms`, or false at once if the server stops first. */
  #sleep(ms: number): Promise<boolean> {
    const signal = this.#abort.signal;
    if (signal.aborted) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.#inFlight++;
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
    const record: StsRequestRecord = {
      seq: ++this.#seq,
      action: '',
      at: Date.now(),
      inFlightAtArrival: this.#inFlight,
      sessionTokenSent: headerValue(req, 'x-amz-security-token') !== undefined,
      tokenCodeSent: false,
    };
    res.on('close', () => {
      this.#inFlight--;
      record.endedAt = Date.now();
      if (!res.writableFinished) record.aborted = true;
    });

    let body: string;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = new URLSearchParams(body);
    // AWS also accepts Query actions as GET query strings.
    for (const [k, v] of url.searchParams) if (!params.has(k)) params.set(k, v);

    record.action = params.get('Action') ?? '';
    record.signedAt = parseAmzDate(headerValue(req, 'x-amz-date'));
    record.accessKeyId = CREDENTIAL_SCOPE.exec(headerValue(req, 'authorization') ?? '')?.[1];
    record.userAgent = headerValue(req, 'user-agent');
    record.roleArn = params.get('RoleArn') ?? undefined;
    record.roleSessionName = params.get('RoleSessionName') ?? undefined;
    const duration = params.get('DurationSeconds');
    record.durationSeconds = duration === null ? undefined : Number(duration);
    record.externalId = params.get('ExternalId') ?? undefined;
    record.serialNumber = params.get('SerialNumber') ?? undefined;
    record.tokenCodeSent = params.has('TokenCode');
    this.#requests.push(record);
    for (const wake of this.#waiters.splice(0)) wake();

    const fault = this.#takeFault(record.action, record.roleArn);
    if (fault) record.fault = fault.kind;
    const wait = this.#latencyMs + (fault?.kind === 'delay' ? fault.ms : 0);
    if (!(await this.#sleep(wait)) || res.destroyed) return;

    const requestId = randomUUID();
    let reply: Reply;
    switch (fault?.kind) {
      case 'hang':
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'throttle':
        reply = errorReply(
          new StsError(400, 'Throttling', fault.message ?? 'Rate exceeded'),
          requestId,
        );
        break;
      case 'error':
        reply = errorReply(
          new StsError(fault.status ?? 400, fault.code, fault.message ?? fault.code, fault.type),
          requestId,
        );
        break;
      case 'status':
        reply = statusReply(fault, requestId);
        break;
      case 'malformed':
        reply = {
          status: 200,
          body: `<${record.action || 'AssumeRole'}Response xmlns="${STS_XMLNS}">\n  <Result><Credentials><AccessKeyId>ASIA`,
        };
        break;
      case 'skew':
        reply = this.#skewReply(req, fault.serverAheadMs ?? 20 * 60_000, requestId);
        break;
      default: {
        const mismatch = await this.#signatureMismatch(req, body, record);
        reply = mismatch
          ? errorReply(mismatch, requestId)
          : this.#dispatch(record, params, req, requestId);
      }
    }
    record.status = reply.status;
    record.errorCode = reply.errorCode;
    res.writeHead(reply.status, {
      'content-type': 'text/xml',
      'x-amzn-requestid': requestId,
      ...reply.headers,
    });
    if (fault?.kind === 'trickle') {
      res.flushHeaders();
      for (const byte of Buffer.from(reply.body)) {
        if (!(await this.#sleep(fault.intervalMs ?? 1000)) || res.destroyed) return;
        res.write(Buffer.of(byte));
      }
    }
    res.end(fault?.kind === 'trickle' ? undefined : reply.body);
  }

  /** The SignatureDoesNotMatch AWS would answer, or undefined when the signature holds or cannot be checked. */
  async #signatureMismatch(
    req: IncomingMessage,
    body: string,
    record: StsRequestRecord,
  ): Promise<StsError | undefined> {
    const keyId = record.accessKeyId;
    if (!this.#options.verifySignatures || keyId === undefined || this.#revoked.has(keyId)) {
      return undefined;
    }
    const secret =
      this.#issued.get(keyId)?.secretAccessKey ?? this.#users.get(keyId)?.secretAccessKey;
    const auth = parseAuthorization(headerValue(req, 'authorization'));
    if (secret === undefined || auth === undefined || record.signedAt === undefined)
      return undefined;
    const expected = await referenceSignature(
      { method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, body },
      auth,
      secret,
      new Date(record.signedAt),
    );
    if (expected === auth.signature) return undefined;
    return new StsError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }

  #skewReply(req: IncomingMessage, aheadMs: number, requestId: string): Reply {
    const signedAt = parseAmzDate(headerValue(req, 'x-amz-date')) ?? Date.now() - aheadMs;
    const serverNow = signedAt + aheadMs;
    const reply = errorReply(
      new StsError(
        403,
        'SignatureDoesNotMatch',
        `Signature expired: ${amzDate(signedAt)} is now earlier than ` +
          `${amzDate(serverNow - 15 * 60_000)} (${amzDate(serverNow)} - 15 min.)`,
      ),
      requestId,
    );
    // The SDK reads this header to compute its clock offset before retrying.
    reply.headers = { date: new Date(serverNow).toUTCString() };
    return reply;
  }

  #dispatch(
    record: StsRequestRecord,
    params: URLSearchParams,
    req: IncomingMessage,
    requestId: string,
  ): Reply {
    try {
      const caller = this.#authenticate(req, record);
      switch (record.action) {
        case 'AssumeRole':
          return { status: 200, body: this.#assumeRole(caller, params, requestId) };
        case 'GetSessionToken':
          return { status: 200, body: this.#getSessionToken(caller, params, requestId) };
        case 'GetCallerIdentity':
          return { status: 200, body: this.#getCallerIdentity(caller, requestId) };
        default:
          throw new StsError(
            400,
            'InvalidAction',
            `Could not find operation ${record.action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`,
          );
      }
    } catch (err) {
      if (err instanceof StsError) return errorReply(err, requestId);
      return errorReply(new StsError(500, 'InternalFailure', String(err), 'Receiver'), requestId);
    }
  }

  #authenticate(req: IncomingMessage, record: StsRequestRecord): Caller {
    const accessKeyId = record.accessKeyId;
    if (!accessKeyId) {
      throw new StsError(
        403,
        'MissingAuthenticationToken',
        'Request is missing Authentication Token',
      );
    }
    const invalid = () =>
      new StsError(
        403,
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
      );
    if (this.#revoked.has(accessKeyId)) throw invalid();

    const issued = this.#issued.get(accessKeyId);
    let caller: Caller;
    if (issued) {
      // Temporary keys are useless without their token; catching a dropped token is the point.
      if (headerValue(req, 'x-amz-security-token') !== issued.sessionToken) throw invalid();
      if (this.#now() >= issued.expiration.getTime()) {
        throw new StsError(
          403,
          'ExpiredToken',
          'The security token included in the request is expired',
        );
      }
      caller = {
        accessKeyId,
        kind: issued.kind,
        arn: issued.arn,
        userId: issued.userId,
        account: issued.account,
        issued,
      };
    } else {
      const user = this.#users.get(accessKeyId);
      if (!user && this.#options.strictKeys) throw invalid();
      const fallbackArn = `arn:aws:iam::${this.#options.accountId}:user/switchyard-test`;
      caller = {
        accessKeyId,
        kind: 'user',
        arn: user?.arn ?? fallbackArn,
        userId: user?.userId ?? stableId('AIDA', fallbackArn),
        account: user?.account ?? this.#options.accountId,
      };
    }
    record.callerArn = caller.arn;
    record.callerKind = caller.kind;
    return caller;
  }

  /** Validates SerialNumber/TokenCode against the device; true when MFA was presented and valid. */
  #checkMfa(params: URLSearchParams): boolean {
    const serial = params.get('SerialNumber');
    const code = params.get('TokenCode');
    if (serial === null && code === null) return false;
    const device = this.#mfa;
    if (!device || serial !== device.serial || code !== device.code) throw mfaFailed();
    if (device.singleUse) {
      if (this.#usedMfaCodes.has(code)) throw mfaFailed();
      this.#usedMfaCodes.add(code);
    }
    return true;
  }

  #assumeRole(caller: Caller, params: URLSearchParams, requestId: string): string {
    const problems: string[] = [];
    const roleArn = params.get('RoleArn');
    const sessionName = params.get('RoleSessionName');
    if (roleArn === null) {
      problems.push(
        `Value null at 'roleArn' failed to satisfy constraint: Member must not be null`,
      );
    } else if (roleArn.length < 20 || roleArn.length > 2048) {
      problems.push(
        `Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length between 20 and 2048`,
      );
    }
    if (sessionName === null) {
      problems.push(
        `Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null`,
      );
    } else if (sessionName.length < 2 || sessionName.length > 64) {
      problems.push(
        `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64`,
      );
    } else if (!/^[\w+=,.@-]*$/.test(sessionName)) {
      problems.push(
        `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    }
    const requested = checkDuration(params.get('DurationSeconds'), 900, 43200, 3600, problems);
    const externalId = params.get('ExternalId');
    if (
      externalId !== null &&
      (externalId.length < 2 || externalId.length > 1224 || !/^[\w+=,.@:/-]*$/.test(externalId))
    ) {
      problems.push(
        `Value '${externalId}' at 'externalId' failed to satisfy constraint: Member must have length between 2 and 1224 and match [\\w+=,.@:\\/-]*`,
      );
    }
    checkMfaParams(params, problems);
    if (problems.length) throw validationError(problems);

    const arnMatch = ROLE_ARN.exec(roleArn!);
    if (!arnMatch) throw new StsError(400, 'ValidationError', `${roleArn} is invalid`);
    const [, partition, roleAccount, roleName] = arnMatch;

    const configured = this.#roles.get(roleArn!);
    if (configured?.deny || (!configured && this.#options.unknownRoles === 'deny')) {
      throw notAuthorized(caller.arn, roleArn!);
    }
    const role = configured ?? {};
    if (role.externalId !== undefined && externalId !== role.externalId) {
      throw notAuthorized(caller.arn, roleArn!);
    }
    const mfaInRequest = this.#checkMfa(params);
    // AssumeRole keys carry no MFA context; GetSessionToken keys obtained with MFA do.
    const mfaPresent = mfaInRequest || (caller.issued?.mfa ?? false);
    // A trust-policy condition failing reads like any other denial, not like an MFA error.
    if (role.requireMfa && !mfaPresent) throw notAuthorized(caller.arn, roleArn!);

    const chained = caller.issued !== undefined;
    if (chained && requested > CHAINED_SESSION_LIMIT) {
      throw new StsError(
        400,
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
    }
    const maxDuration = role.maxDuration ?? this.#options.defaultMaxDuration;
    if (requested > maxDuration) {
      throw new StsError(
        400,
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      );
    }

    const roleId = stableId('AROA', roleArn!);
    const key = this.#issue({
      kind: 'assumed-role',
      arn: `arn:${partition}:sts::${roleAccount}:assumed-role/${roleName}/${sessionName}`,
      userId: `${roleId}:${sessionName}`,
      account: roleAccount!,
      roleArn: roleArn!,
      roleSessionName: sessionName!,
      durationSeconds: requested,
      chained,
      mfa: false,
      issuedTo: caller.arn,
    });
    const sourceIdentity = params.get('SourceIdentity');
    return resultXml(
      'AssumeRole',
      credentialsXml(key) +
        `    <AssumedRoleUser>\n` +
        `      <AssumedRoleId>${xmlEscape(key.userId)}</AssumedRoleId>\n` +
        `      <Arn>${xmlEscape(key.arn)}</Arn>\n` +
        `    </AssumedRoleUser>\n` +
        (sourceIdentity
          ? `    <SourceIdentity>${xmlEscape(sourceIdentity)}</SourceIdentity>\n`
          : ''),
      requestId,
    );
  }

  #getSessionToken(caller: Caller, params: URLSearchParams, requestId: string): string {
    const problems: string[] = [];
    const isRoot = caller.arn.endsWith(':root');
    const duration = checkDuration(
      params.get('DurationSeconds'),
      900,
      isRoot ? 3600 : 129600,
      isRoot ? 3600 : 43200,
      problems,
    );
    checkMfaParams(params, problems);
    if (problems.length) throw validationError(problems);
    if (caller.issued) {
      throw new StsError(
        403,
        'AccessDenied',
        'Cannot call GetSessionToken with session credentials',
      );
    }
    const mfa = this.#checkMfa(params);
    const key = this.#issue({
      kind: 'session-token',
      arn: caller.arn,
      userId: caller.userId,
      account: caller.account,
      durationSeconds: duration,
      chained: false,
      mfa,
      issuedTo: caller.arn,
    });
    return resultXml('GetSessionToken', credentialsXml(key), requestId);
  }

  #getCallerIdentity(caller: Caller, requestId: string): string {
    return resultXml(
      'GetCallerIdentity',
      `    <Arn>${xmlEscape(caller.arn)}</Arn>\n` +
        `    <UserId>${xmlEscape(caller.userId)}</UserId>\n` +
        `    <Account>${caller.account}</Account>\n`,
      requestId,
    );
  }

  #issue(
    info: Omit<IssuedKeyInfo, 'accessKeyId' | 'expiration'> & { durationSeconds: number },
  ): IssuedKey {
    let accessKeyId = randomId('ASIA');
    while (this.#issued.has(accessKeyId)) accessKeyId = randomId('ASIA');
    const key: IssuedKey = {
      ...info,
      accessKeyId,
      expiration: new Date(Math.floor((this.#now() + info.durationSeconds * 1000) / 1000) * 1000),
      secretAccessKey: randomBytes(30).toString('base64'),
      // Real tokens are long opaque base64 blobs; length matters for header-size bugs.
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(300).toString('base64')}`,
    };
    this.#issued.set(accessKeyId, key);
    return key;
  }
}

function publicInfo(key: IssuedKey): IssuedKeyInfo {
  // Copy field by field so the secret and token never leave through this object.
  const info: IssuedKeyInfo = {
    accessKeyId: key.accessKeyId,
    kind: key.kind,
    arn: key.arn,
    userId: key.userId,
    account: key.account,
    durationSeconds: key.durationSeconds,
    expiration: new Date(key.expiration),
    chained: key.chained,
    mfa: key.mfa,
    issuedTo: key.issuedTo,
    ...(key.roleArn !== undefined && { roleArn: key.roleArn }),
    ...(key.roleSessionName !== undefined && { roleSessionName: key.roleSessionName }),
  };
  return info;
}

function errorReply(err: StsError, requestId: string): Reply {
  return {
    status: err.status,
    body: errorXml(err.code, err.message, err.type, requestId),
    errorCode: err.code,
  };
}

const STATUS_CODES: Record<number, string> = {
  500: 'InternalFailure',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

function statusReply(fault: Extract<StsFault, { kind: 'status' }>, requestId: string): Reply {
  if (fault.body !== undefined) {
    return {
      status: fault.status,
      body: fault.body,
      headers: fault.contentType ? { 'content-type': fault.contentType } : undefined,
    };
  }
  if (fault.status >= 500) {
    const code = STATUS_CODES[fault.status] ?? 'InternalFailure';
    return errorReply(new StsError(fault.status, code, code, 'Receiver'), requestId);
  }
  return { status: fault.status, body: '' };
}

/** Start a server on 127.0.0.1 (a free port unless `options.port`). Close it in afterAll/afterEach. */
export async function startFaultStsServer(
  options: FaultStsServerOptions = {},
): Promise<FaultStsServer> {
  const server = new FaultStsServer(options);
  await server.start();
  return server;
}
