import type { IncomingMessage } from 'node:http';
import { fileOps } from '../fs/file-ops';
import { Secret } from '../secret';
import { StsError } from './sts-error';
import type { StaticKeys } from './sts-query-client';

/**
 * The container credentials endpoint (ECS tasks, CodeBuild, EKS Pod Identity),
 * read by the rules of the SDK's fromHttp (@aws-sdk/credential-provider-http),
 * which botocore's container provider shares:
 *
 * - AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is a path on http://169.254.170.2;
 *   else AWS_CONTAINER_CREDENTIALS_FULL_URI, https anywhere, or http only to a
 *   loopback address, 169.254.170.2, 169.254.170.23 or [fd00:ec2::23];
 * - the Authorization header is AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE's text
 *   (read again for every attempt: EKS rotates it), else
 *   AWS_CONTAINER_AUTHORIZATION_TOKEN; a token with `\r\n` in it is refused;
 * - a GET, 1 s to answer, retried 3 times 1 s apart whatever the failure;
 * - a 200 answer is JSON with string AccessKeyId, SecretAccessKey, Token and
 *   Expiration (RFC 3339).
 *
 * Settings the SDK would warn about or hand to its older fallback provider (both
 * URIs set, both tokens set, a URL it refuses) are left to the SDK by
 * `containerEndpoint`, which returns undefined for them.
 */

export interface ContainerEndpoint {
  readonly url: URL;
  /** Which variable names the endpoint, for messages. */
  readonly setting: string;
  readonly tokenFile?: string;
  readonly token?: string;
}

export interface ContainerCredentials {
  readonly keys: StaticKeys & { readonly sessionToken: Secret };
  readonly expiresAt: number;
}

export interface FetchContainerOptions {
  /** Per attempt, the whole exchange; the SDK's 1 s. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt; the SDK's 3. */
  readonly maxRetries?: number;
  /** The pause between attempts (the SDK's 1 s); injected by tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const ECS_HOST = 'http://169.254.170.2';
const CONTAINER_HOSTS = new Set(['169.254.170.2', '169.254.170.23', '[fd00:ec2::23]']);
const MAX_BODY_BYTES = 64 * 1024;

/** The endpoint the SDK would call, or undefined when the SDK should decide. */
export function containerEndpoint(env: NodeJS.ProcessEnv): ContainerEndpoint | undefined {
  const relative = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  const full = env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  const token = env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
  const tokenFile = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
  if ((relative && full) || (token && tokenFile)) return undefined;
  let url: URL;
  try {
    url = new URL(relative ? `${ECS_HOST}${relative}` : (full ?? ''));
  } catch {
    return undefined;
  }
  if (!allowedUrl(url)) return undefined;
  return {
    url,
    setting: relative
      ? 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'
      : 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    ...(tokenFile ? { tokenFile } : token ? { token } : {}),
  };
}

/** The SDK's checkUrl: https, or http to a container host or loopback. */
function allowedUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  const host = url.hostname;
  if (CONTAINER_HOSTS.has(host)) return true;
  if (host === 'localhost' || host === '[::1]') return true;
  const parts = host.split('.');
  return (
    parts.length === 4 &&
    parts[0] === '127' &&
    parts.slice(1).every((part) => /^\d+$/.test(part) && Number(part) <= 255)
  );
}

export async function fetchContainerCredentials(
  endpoint: ContainerEndpoint,
  options: FetchContainerOptions = {},
): Promise<ContainerCredentials> {
  const retries = options.maxRetries ?? 3;
  const timeoutMs = options.timeoutMs ?? 1000;
  const sleep = options.sleep ?? defaultSleep;
  let last: StsError | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(timeoutMs);
    try {
      return await fetchOnce(endpoint, timeoutMs);
    } catch (error) {
      last = error instanceof StsError ? error : failure('retryable', String(error), endpoint);
      // A token the user must fix is not worth three more seconds.
      if (last.code === 'ContainerTokenUnreadable') break;
    }
  }
  throw last ?? failure('retryable', 'no attempt made', endpoint);
}

async function fetchOnce(endpoint: ContainerEndpoint, timeoutMs: number) {
  const headers: Record<string, string> = {};
  const token = await authorization(endpoint);
  if (token !== undefined) headers.authorization = token;
  const http =
    endpoint.url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const { status, body } = await new Promise<{ status: number; body: string }>(
    (resolve, reject) => {
      const req = http.get(endpoint.url, { headers, agent: false }, (res) =>
        readBody(res).then(
          (text) => resolve({ status: res.statusCode ?? 0, body: text }),
          (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
        ),
      );
      const timer = setTimeout(() => {
        req.destroy(new Error(`no complete answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      req.once('close', () => clearTimeout(timer));
      req.once('error', reject);
    },
  ).catch((error: unknown) => {
    throw failure('retryable', (error as Error).message, endpoint);
  });
  if (status >= 400 && status < 500) {
    throw failure(
      'needs-user',
      `HTTP ${status}${status === 401 || status === 403 ? ' (is the authorization token right?)' : ''}`,
      endpoint,
      status,
    );
  }
  if (status !== 200) throw failure('retryable', `HTTP ${status}`, endpoint, status);
  return parseAnswer(body, endpoint);
}

async function authorization(endpoint: ContainerEndpoint): Promise<string | undefined> {
  let token = endpoint.token;
  if (endpoint.tokenFile !== undefined) {
    try {
      token = await fileOps().readFile(endpoint.tokenFile, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new StsError(
        'needs-user',
        'ContainerTokenUnreadable',
        `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (${endpoint.tokenFile}) cannot be read (${code})`,
        undefined,
      );
    }
  }
  if (token?.includes('\r\n')) {
    throw new StsError(
      'needs-user',
      'ContainerTokenUnreadable',
      'the container authorization token contains a \\r\\n sequence; remove it',
      undefined,
    );
  }
  return token;
}

function parseAnswer(body: string, endpoint: ContainerEndpoint): ContainerCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw failure('retryable', 'an answer that is not JSON', endpoint, 200);
  }
  const { AccessKeyId, SecretAccessKey, Token, Expiration } = (parsed ?? {}) as Record<
    string,
    unknown
  >;
  const expiresAt = typeof Expiration === 'string' ? Date.parse(Expiration) : NaN;
  if (
    typeof AccessKeyId !== 'string' ||
    typeof SecretAccessKey !== 'string' ||
    typeof Token !== 'string' ||
    !Number.isFinite(expiresAt)
  ) {
    throw failure(
      'retryable',
      'an answer without string AccessKeyId, SecretAccessKey, Token and an RFC 3339 Expiration',
      endpoint,
      200,
    );
  }
  return {
    keys: {
      accessKeyId: new Secret(AccessKeyId),
      secretAccessKey: new Secret(SecretAccessKey),
      sessionToken: new Secret(Token),
    },
    expiresAt,
  };
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) res.destroy(new Error('an answer over 64 KiB'));
      else chunks.push(chunk);
    });
    res.once('error', reject);
    res.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** One line naming the endpoint (origin and path only: no query string) and the setting. */
function failure(
  kind: 'retryable' | 'needs-user',
  what: string,
  endpoint: ContainerEndpoint,
  status?: number,
): StsError {
  const where = `${endpoint.url.origin}${endpoint.url.pathname}`;
  return new StsError(
    kind,
    kind === 'needs-user' ? 'ContainerCredentialsRefused' : 'ContainerCredentialsUnavailable',
    `the container credentials endpoint ${where} (${endpoint.setting}) gave ${what}`,
    status,
  );
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
