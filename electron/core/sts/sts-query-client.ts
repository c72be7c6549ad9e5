import type { Agent, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Secret, SessionCredentials } from '../secret';
import { planDuration } from './assume-duration';
import { sessionCredentials } from './session-credentials';
import { formBody, signRequest } from './sigv4';
import { classifyStsError, StsError } from './sts-error';
import type { AssumedRole, AssumeRoleRequest } from './sts-gateway';
import { xmlInner, xmlText } from './xml-text';
import { callDeadlineMs, monotonicMs } from './call-deadline';

/**
 * STS's Query API spoken directly: one signed form POST, AWS's XML back. What
 * `switchyard assume` and the refresher use when the source credentials are
 * plain keys: a build step does not pay for loading the AWS SDK (most of a cold
 * run), and a refresh round spends half the CPU. Retries, timeouts and
 * clock-skew correction follow the SDK's standard mode, and errors go through
 * the same classification as the SDK gateway's.
 */

export interface StaticKeys {
  readonly accessKeyId: Secret;
  readonly secretAccessKey: Secret;
  readonly sessionToken?: Secret;
}

export interface StsQueryClientOptions {
  /** The STS endpoint, e.g. https://sts.eu-west-1.amazonaws.com or a local server. */
  readonly endpoint: string;
  readonly region: string;
  readonly keys: StaticKeys;
  /** Per attempt, the whole exchange (connect, send, every byte of the answer); default 10 s. */
  readonly requestTimeoutMs?: number;
  /**
   * The whole call, retries and their pauses included; default: every attempt's
   * timeout plus a second per retry. A server that trickles its answer cannot
   * keep a call alive past it.
   */
  readonly deadlineMs?: number;
  /** PEM certificate authorities that replace Node's list (AWS_CA_BUNDLE). */
  readonly ca?: string;
  /** Default 3, the SDK's standard retry mode. */
  readonly maxAttempts?: number;
  /** Sent, unsigned, as User-Agent (CloudTrail shows it); default "switchyard". */
  readonly userAgent?: string;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const API_VERSION = '2011-06-15';
const MAX_BODY_BYTES = 1 << 20;
const CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';
/** The SDKs re-sign with the server's clock when a skew error shows it 5 min or more away. */
const SKEW_THRESHOLD_MS = 300_000;
const CLOCK_SKEW_CODES = new Set([
  'AuthFailure',
  'InvalidSignatureException',
  'RequestExpired',
  'RequestInTheFuture',
  'RequestTimeTooSkewed',
  'SignatureDoesNotMatch',
]);

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export class StsQueryClient {
  readonly #options: StsQueryClientOptions;
  readonly #url: URL;
  #clockOffsetMs = 0;
  /** Keeps connections open between the calls of one client (a refresh round's). */
  #agent: Agent | undefined;

  constructor(options: StsQueryClientOptions) {
    this.#options = options;
    this.#url = new URL(options.endpoint);
    if (this.#url.protocol !== 'https:' && this.#url.protocol !== 'http:') {
      throw new StsError(
        'invalid-request',
        'InvalidEndpoint',
        `STS endpoint ${this.#url.origin} is not http(s)`,
        undefined,
      );
    }
  }

  async assumeRole(request: AssumeRoleRequest): Promise<AssumedRole> {
    const chained = this.#options.keys.sessionToken !== undefined;
    const { requested, granted } = planDuration(request.durationSeconds, chained);
    const params: [string, string][] = [
      ['Action', 'AssumeRole'],
      ['Version', API_VERSION],
      ['RoleArn', request.role.arn],
      ['RoleSessionName', request.sessionName],
      ['DurationSeconds', String(granted)],
    ];
    if (request.externalId) params.push(['ExternalId', request.externalId]);
    if (request.mfa) {
      params.push(['SerialNumber', request.mfa.serialNumber]);
      params.push(['TokenCode', request.mfa.tokenCode]);
    }
    if (request.sourceIdentity) params.push(['SourceIdentity', request.sourceIdentity]);

    const body = await this.#call(formBody(params));
    const result = xmlInner(body, ['AssumeRoleResponse', 'AssumeRoleResult']);
    if (result === undefined) throw unreadable('no AssumeRoleResult in the response');
    return {
      credentials: credentialsFrom(xmlInner(result, ['Credentials'])),
      assumedRoleArn: xmlText(result, ['AssumedRoleUser', 'Arn']) ?? '',
      assumedRoleId: xmlText(result, ['AssumedRoleUser', 'AssumedRoleId']) ?? '',
      durationSeconds: granted,
      chained,
      ...(granted !== requested ? { durationCapped: { requested, granted } } : {}),
    };
  }

  /** Closes the kept-alive connections. */
  destroy(): void {
    this.#agent?.destroy();
    this.#agent = undefined;
  }

  /** One action with the SDK's retry rules; resolves to the 2xx body. */
  async #call(body: string): Promise<string> {
    const maxAttempts = this.#options.maxAttempts ?? 3;
    const now = this.#options.now ?? Date.now;
    const attemptMs = this.#options.requestTimeoutMs ?? 10_000;
    const deadlineMs = callDeadlineMs(this.#options);
    // Real time, not the injected clock: this bounds real sockets.
    const deadline = monotonicMs() + deadlineMs;
    for (let attempt = 1; ; attempt++) {
      let error: StsError;
      let retry = false;
      try {
        const left = deadline - monotonicMs();
        if (left <= 0) throw timeoutError(deadlineMs);
        const response = await this.#post(body, Math.min(attemptMs, left));
        if (response.status >= 200 && response.status < 300) return response.body;
        error = errorFromResponse(response);
        retry = this.#correctClock(error, response.headers, now());
      } catch (caught) {
        error = classifyStsError(caught);
      }
      // The SDK retries throttling, 5xx, timeouts and network faults, not a body it
      // could not read; a corrected clock gets one more try whatever the code.
      retry ||= error.kind === 'retryable' && error.code !== 'MalformedResponse';
      if (!retry || attempt >= maxAttempts) throw error;
      const pause = this.#backoffMs(error, attempt);
      if (monotonicMs() + pause >= deadline) throw error;
      await (this.#options.sleep ?? defaultSleep)(pause);
    }
  }

  /** Full jitter over 100 ms × 2^n (500 ms for throttling), capped at 20 s. */
  #backoffMs(error: StsError, attempt: number): number {
    const base = error.httpStatus === 429 || /throttl|limit|slowdown/i.test(error.code) ? 500 : 100;
    const random = this.#options.random ?? Math.random;
    return Math.floor(random() * Math.min(20_000, base * 2 ** attempt));
  }

  /** A skew error whose Date header is 5 min or more from our clock: sign with the server's time. */
  #correctClock(error: StsError, headers: IncomingHttpHeaders, localNow: number): boolean {
    if (!CLOCK_SKEW_CODES.has(error.code)) return false;
    const serverTime = Date.parse(headers.date ?? '');
    if (!Number.isFinite(serverTime)) return false;
    if (Math.abs(serverTime - (localNow + this.#clockOffsetMs)) < SKEW_THRESHOLD_MS) return false;
    this.#clockOffsetMs = serverTime - localNow;
    return true;
  }

  async #post(body: string, timeoutMs: number): Promise<RawResponse> {
    const url = this.#url;
    const keys = this.#options.keys;
    const headers = signRequest(
      {
        method: 'POST',
        host: url.host,
        path: url.pathname || '/',
        headers: { 'content-type': CONTENT_TYPE },
        body,
        region: this.#options.region,
        service: 'sts',
        at: (this.#options.now ?? Date.now)() + this.#clockOffsetMs,
      },
      {
        accessKeyId: keys.accessKeyId.reveal(),
        secretAccessKey: keys.secretAccessKey.reveal(),
        ...(keys.sessionToken ? { sessionToken: keys.sessionToken.reveal() } : {}),
      },
    );
    // https loads TLS; a loopback test server never needs it.
    const http = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
    // Idle kept-alive sockets are unref'd by Node, so they never keep a CLI alive.
    this.#agent ??= new http.Agent({
      keepAlive: true,
      ...(this.#options.ca === undefined ? {} : { ca: this.#options.ca }),
    });
    const { request } = http;
    return new Promise<RawResponse>((resolve, reject) => {
      // One timer for the whole exchange, cleared only once the body is read:
      // an idle timer would be reset by every trickled byte.
      const timer = setTimeout(() => req.destroy(timeoutError(timeoutMs)), timeoutMs);
      const settle =
        <T>(done: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer);
          done(value);
        };
      const req = request(
        url,
        {
          method: 'POST',
          agent: this.#agent,
          headers: {
            ...headers,
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': this.#options.userAgent ?? 'switchyard',
          },
        },
        (res) => {
          // A destroyed request errors its response too: the body read stops with it.
          req.once('error', (error) => res.destroy(error));
          readResponse(res).then(settle(resolve), settle(reject));
        },
      );
      req.once('error', settle(reject));
      req.end(body);
    });
  }
}

function timeoutError(ms: number): Error {
  return Object.assign(new Error(`no complete answer from STS within ${ms / 1000} s`), {
    code: 'ETIMEDOUT',
  });
}

function readResponse(res: IncomingMessage): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.destroy(unreadable(`response larger than ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    res.once('error', reject);
    res.once('end', () =>
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
  });
}

/** AWS's `<ErrorResponse><Error><Code>…</Code><Message>…</Message>`, shaped as the SDK throws it. */
function errorFromResponse(response: RawResponse): StsError {
  const error = xmlInner(response.body, ['Error']);
  const code = error === undefined ? undefined : xmlText(error, ['Code']);
  const message = error === undefined ? undefined : xmlText(error, ['Message']);
  return classifyStsError({
    name: code || 'Unknown',
    message: message || `HTTP ${response.status} from STS without an AWS error in the body`,
    $metadata: { httpStatusCode: response.status },
  });
}

/** The `<Credentials>` element's fields. */
function credentialsFrom(xml: string | undefined): SessionCredentials {
  const field = (name: string) => (xml === undefined ? undefined : xmlText(xml, [name]));
  return sessionCredentials({
    accessKeyId: field('AccessKeyId'),
    secretAccessKey: field('SecretAccessKey'),
    sessionToken: field('SessionToken'),
    expiresAt: Date.parse(field('Expiration') ?? ''),
  });
}

function unreadable(why: string): StsError {
  return new StsError(
    'retryable',
    'MalformedResponse',
    `STS sent an unreadable response: ${why}`,
    200,
  );
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
