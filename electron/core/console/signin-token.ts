import { checkFederationEndpoint } from '../../../shared/federation-endpoint';
import { checkDuration } from '../../../shared/validate-sts';
import { Secret } from '../secret';
import { redactedExcerpt } from './redacted-excerpt';

export const DEFAULT_SIGNIN_TIMEOUT_MS = 15_000;

export interface SigninCredentials {
  readonly accessKeyId: Secret;
  readonly secretAccessKey: Secret;
  readonly sessionToken: Secret;
}

export interface GetSigninTokenInput {
  /** From federationEndpoint; checked again here because credentials go to it. */
  readonly endpoint: string;
  readonly credentials: SigninCredentials;
  /** Only for credentials that allow it; see signinSessionDuration. */
  readonly sessionDurationSeconds?: number;
  readonly timeoutMs?: number;
  readonly fetchImpl?: typeof fetch;
}

/** A failed getSigninToken call; `status` is set when AWS answered at all. */
export class SigninTokenError extends Error {
  override readonly name = 'SigninTokenError';

  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

function refusalHint(status: number, sentDuration: boolean): string {
  if (status >= 300 && status < 400) {
    return 'the endpoint redirected, and credentials are never re-sent elsewhere; check the federation endpoint';
  }
  if (status === 400 && sentDuration) {
    return 'role-chained and GetFederationToken sessions cannot set SessionDuration; try again without a console session duration';
  }
  if (status === 400 || status === 401 || status === 403) {
    return 'the session may have expired or been revoked; refresh it and try again';
  }
  if (status === 429 || status >= 500)
    return 'AWS sign-in is having trouble; try again in a minute';
  return 'check the federation endpoint';
}

function transportError(error: unknown, host: string, timeoutMs: number): SigninTokenError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new SigninTokenError(
      `AWS sign-in (${host}) did not answer within ${timeoutMs / 1000} s; check your network or proxy and try again`,
    );
  }
  // Only the error code is kept: messages from the HTTP stack are not ours to vet.
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const detail = typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? ` (${code})` : '';
  return new SigninTokenError(
    `Could not reach AWS sign-in at ${host}${detail}; check your network or proxy and try again`,
  );
}

/**
 * Step 1 of console federation: trades session credentials for a sign-in
 * token. The credentials travel in a POST body, never in a URL, so they stay
 * out of proxy and server logs; no error message ever includes them.
 */
export async function getSigninToken(input: GetSigninTokenInput): Promise<Secret> {
  const endpoint = checkFederationEndpoint(input.endpoint);
  const duration =
    input.sessionDurationSeconds === undefined
      ? undefined
      : checkDuration(input.sessionDurationSeconds, 'console session duration');
  const timeoutMs = input.timeoutMs ?? DEFAULT_SIGNIN_TIMEOUT_MS;
  const fetchImpl = input.fetchImpl ?? fetch;
  const host = new URL(endpoint).host;
  const { accessKeyId, secretAccessKey, sessionToken } = input.credentials;
  const secrets = [accessKeyId.reveal(), secretAccessKey.reveal(), sessionToken.reveal()];

  const body = new URLSearchParams({
    Action: 'getSigninToken',
    Session: JSON.stringify({
      sessionId: accessKeyId.reveal(),
      sessionKey: secretAccessKey.reveal(),
      sessionToken: sessionToken.reveal(),
    }),
  });
  if (duration !== undefined) body.set('SessionDuration', String(duration));

  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: body.toString(),
      // Following a redirect could re-send the body (307/308) to another host.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw transportError(error, host, timeoutMs);
  }

  if (!response.ok) {
    const excerpt = redactedExcerpt(text, secrets);
    throw new SigninTokenError(
      `AWS sign-in refused the session (HTTP ${response.status})${excerpt ? `: ${excerpt}` : ''}; ${refusalHint(response.status, duration !== undefined)}`,
      response.status,
    );
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SigninTokenError(
      `AWS sign-in (${host}) answered HTTP ${response.status} with something other than JSON; check the federation endpoint`,
      response.status,
    );
  }
  const token = (parsed as { SigninToken?: unknown } | null)?.SigninToken;
  if (typeof token !== 'string' || token === '') {
    throw new SigninTokenError(
      `AWS sign-in (${host}) answered without a SigninToken; check the federation endpoint`,
      response.status,
    );
  }
  return new Secret(token);
}
