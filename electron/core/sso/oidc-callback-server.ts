import { timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { Secret } from '../secret';
import { SsoError } from './sso-errors';

/**
 * The loopback redirect of the authorization code flow: a server on
 * 127.0.0.1 (a free port) that takes the browser's one GET of
 * /oauth/callback?code=…&state=…. A callback without our `state` is refused
 * and the wait goes on (a stray or forged request must not end a sign-in);
 * the first one with it settles the wait, and the server closes.
 */

export const CALLBACK_PATH = '/oauth/callback';

export interface OidcCallback {
  /** `http://127.0.0.1:PORT/oauth/callback`, sent with the authorization and the token request. */
  readonly redirectUri: string;
  /** The authorization code, or an SsoError when the user denied the sign-in. */
  readonly code: Promise<Secret>;
  /** Stops listening and cuts every connection; idempotent. */
  close(): void;
}

const HEADERS = {
  'Content-Type': 'text/plain; charset=utf-8',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  Connection: 'close',
} as const;

function page(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...HEADERS, 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export async function startCallbackServer(state: string): Promise<OidcCallback> {
  let resolveCode: (code: Secret) => void = () => undefined;
  let rejectCode: (error: Error) => void = () => undefined;
  const code = new Promise<Secret>((resolve, reject) => {
    resolveCode = resolve;
    rejectCode = reject;
  });
  // A rejection nobody awaits yet (closed before the wait began) is not unhandled.
  code.catch(() => undefined);
  let settled = false;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (settled || request.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      page(response, 404, 'Not found.\n');
      return;
    }
    if (!sameText(url.searchParams.get('state') ?? '', state)) {
      page(response, 400, 'Switchyard did not start this sign-in; this page can be closed.\n');
      return;
    }
    settled = true;
    const error = url.searchParams.get('error');
    const value = url.searchParams.get('code');
    response.once('finish', () => close(true));
    if (error !== null || !value) {
      page(response, 200, 'Switchyard: the sign-in was not completed. You can close this tab.\n');
      rejectCode(
        error === 'access_denied'
          ? new SsoError(
              'needs-user',
              'AccessDeniedException',
              'the sign-in was denied in the browser; sign in again to retry',
            )
          : new SsoError(
              'needs-user',
              'AuthorizationFailed',
              `the browser sign-in ended without a code (${(error ?? 'no code').replace(/[^\w.-]/g, '').slice(0, 60)})`,
            ),
      );
      return;
    }
    page(response, 200, 'Switchyard: signed in. You can close this tab.\n');
    resolveCode(new Secret(value));
  });

  function close(served = false): void {
    settled = true;
    server.close();
    // A served answer says Connection: close and ends by itself once flushed.
    if (served) server.closeIdleConnections();
    else server.closeAllConnections();
    rejectCode(new SsoError('needs-user', 'Cancelled', 'the browser sign-in was cancelled'));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    close();
    throw new Error('the sign-in callback server has no port');
  }
  return {
    redirectUri: `http://127.0.0.1:${address.port}${CALLBACK_PATH}`,
    code,
    close: () => close(),
  };
}
