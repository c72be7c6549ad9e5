import { StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { Secret } from '../secret';
import { cancelled, OIDC_SERVICE, oidcClient, sendOidc, type OidcCallOptions } from './oidc-call';
import type { OidcRegistration } from './oidc-register';
import {
  createToken,
  DEVICE_GRANT,
  grantSecrets,
  type OidcTokens,
  type TokenGrant,
} from './oidc-tokens';
import { classifySsoError, SsoError, ssoErrorCode } from './sso-errors';

/** What the user is shown once, before polling starts. */
export interface DevicePrompt {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string;
  /** Epoch ms: the code is no good after this. */
  readonly expiresAt: number;
}

/** Waits `ms`, or rejects when the signal aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface DeviceSignInOptions extends OidcCallOptions {
  readonly startUrl: string;
  readonly registration: OidcRegistration;
  readonly onPrompt: (prompt: DevicePrompt) => void;
  readonly signal?: AbortSignal | undefined;
  /** Injectable so tests need no real waits; `now` is the clock the sleeps move. */
  readonly sleep?: Sleep | undefined;
  readonly now?: (() => number) | undefined;
}

/** RFC 8628 §3.5: slow_down adds 5 s to the interval for the rest of the flow. */
export const SLOW_DOWN_STEP_S = 5;
const DEFAULT_INTERVAL_S = 5;
/** Transient failures in a row the polling rides out before it gives up. */
const TRANSIENT_LIMIT = 3;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * The device authorization flow: StartDeviceAuthorization, one prompt, then
 * CreateToken every `interval` seconds until the user approves, denies, or
 * the device code expires (the flow never outlives it).
 */
export async function deviceSignIn(options: DeviceSignInOptions): Promise<OidcTokens> {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const { registration, signal } = options;
  const what = 'the sign-in';
  const client = oidcClient(options);
  try {
    const start = await sendOidc(options, 'the device authorization', (abortSignal) =>
      client.send(
        new StartDeviceAuthorizationCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret.reveal(),
          startUrl: options.startUrl,
        }),
        { abortSignal },
      ),
    ).catch((error: unknown) => {
      throw classifySsoError(error, OIDC_SERVICE, [registration.clientSecret]);
    });
    if (!start.deviceCode || !start.userCode || !start.verificationUri || !start.expiresIn) {
      throw new SsoError(
        'retryable',
        'MalformedResponse',
        `${OIDC_SERVICE} answered StartDeviceAuthorization without a device code, user code, URL or lifetime`,
      );
    }
    const grant: TokenGrant = { grantType: DEVICE_GRANT, deviceCode: new Secret(start.deviceCode) };
    const secrets = grantSecrets(registration, grant);
    const expiresAt = now() + start.expiresIn * 1000;
    let intervalMs = Math.max(1, start.interval ?? DEFAULT_INTERVAL_S) * 1000;
    options.onPrompt({
      userCode: start.userCode,
      verificationUri: start.verificationUri,
      verificationUriComplete: start.verificationUriComplete ?? start.verificationUri,
      expiresAt,
    });
    let transient = 0;
    for (;;) {
      const left = expiresAt - now();
      if (left <= 0) throw expired();
      try {
        await sleep(Math.min(intervalMs, left), signal);
      } catch {
        throw cancelled(what);
      }
      if (signal?.aborted) throw cancelled(what);
      if (expiresAt - now() <= 0) throw expired();
      try {
        return await createToken(client, options, registration, grant, now);
      } catch (error) {
        const code = ssoErrorCode(error);
        if (code === 'AuthorizationPendingException') {
          transient = 0;
          continue;
        }
        if (code === 'SlowDownException') {
          intervalMs += SLOW_DOWN_STEP_S * 1000;
          transient = 0;
          continue;
        }
        if (code === 'ExpiredTokenException') throw expired();
        if (code === 'AccessDeniedException') {
          throw new SsoError(
            'needs-user',
            code,
            'the sign-in was denied in the browser; sign in again to retry',
            400,
          );
        }
        const classified = classifySsoError(error, OIDC_SERVICE, secrets);
        // The code is still good while the service hiccups: keep polling a while.
        if (classified.kind === 'retryable') {
          if (++transient < TRANSIENT_LIMIT) continue;
        }
        throw classified;
      }
    }
  } finally {
    client.destroy();
  }
}

function expired(): SsoError {
  return new SsoError(
    'needs-user',
    'ExpiredTokenException',
    'the device code expired before the sign-in was approved; sign in again',
  );
}
