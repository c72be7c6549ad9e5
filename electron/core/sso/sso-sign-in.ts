import { homedir } from 'node:os';
import type { AuditSink } from '../audit/role-event';
import { openInBrowser } from '../console/open-url';
import { DEFAULT_SSO_SCOPES } from './add-sso-session';
import { deviceSignIn, type DevicePrompt } from './oidc-device';
import { oidcBaseUrl, pkceSignIn } from './oidc-pkce';
import { registerClient, type OidcRegistration } from './oidc-register';
import type { OidcTokens } from './oidc-tokens';
import type { SsoSessionConfig } from './sso-config';
import { SsoError } from './sso-errors';
import {
  readCachedRegistration,
  writeCachedRegistration,
  type RegistrationKey,
} from './registration-cache';
import { writeSsoToken } from './token-cache';

export type SignInFlow = 'pkce' | 'device';

export interface SignInOptions {
  readonly session: SsoSessionConfig;
  /** pkce opens a browser on a loopback redirect; device prints a code to type. */
  readonly flow: SignInFlow;
  /** The device flow's code and page, shown to the user once. */
  readonly onDevicePrompt: (prompt: DevicePrompt) => void;
  /** PKCE could not open a browser and the device flow runs instead: say so. */
  readonly onFallback?: (reason: string) => void;
  /** PKCE: the browser opened, the flow waits for the redirect. */
  readonly onWaitingForBrowser?: () => void;
  /** How to open the sign-in page; default the system browser. */
  readonly openBrowser?: (url: string) => Promise<void>;
  readonly signal: AbortSignal;
  readonly homeDir?: string;
  readonly ca?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Told the sign-in's outcome (an `sso-sign-in` line). */
  readonly audit?: AuditSink;
}

export interface SignInResult {
  readonly session: string;
  readonly flow: SignInFlow;
  /** When the new access token expires (it is refreshed silently after that). */
  readonly expiresAt: number;
}

/**
 * One sign-in to an Identity Center session, written to the token cache the
 * AWS CLI and SDKs share, so `aws --profile X` works for every profile using
 * that sso-session as soon as it ends. Nothing is written unless it succeeds.
 */
export async function signInToSession(options: SignInOptions): Promise<SignInResult> {
  const { session, audit } = options;
  const source = `sso-session:${session.name} (${session.startUrl})`;
  try {
    const result = await signIn(options);
    audit?.({ event: 'sso-sign-in', outcome: 'ok', source, expiresAt: result.expiresAt });
    return result;
  } catch (error) {
    const errorCode = error instanceof SsoError ? error.code : 'SignInFailed';
    audit?.({ event: 'sso-sign-in', outcome: 'error', source, errorCode });
    throw error;
  }
}

async function signIn(options: SignInOptions): Promise<SignInResult> {
  const { session, signal } = options;
  const env = options.env ?? process.env;
  const homeDir = options.homeDir ?? homedir();
  const scopes = session.scopes.length > 0 ? session.scopes : DEFAULT_SSO_SCOPES;
  const common = { region: session.region, signal, ...(options.ca ? { ca: options.ca } : {}) };
  const key = { startUrl: session.startUrl, region: session.region, scopes };
  let flow = options.flow;
  let result: SignedIn | undefined;
  if (flow === 'pkce') {
    const base = oidcBaseUrl(session.region, undefined, env);
    const open =
      options.openBrowser ??
      ((url: string) => openInBrowser(url, { allowOrigin: new URL(base).origin }));
    try {
      result = await withCachedRegistration({ ...key, flow: 'pkce' }, homeDir, (registration) =>
        pkceSignIn({
          ...common,
          startUrl: session.startUrl,
          scopes,
          env,
          registration,
          openBrowser: async (url) => {
            await open(url);
            options.onWaitingForBrowser?.();
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof SsoError && error.code === 'BrowserNotOpened')) throw error;
      options.onFallback?.('no browser could be opened; signing in with a code instead');
      flow = 'device';
    }
  }
  result ??= await withCachedRegistration({ ...key, flow: 'device' }, homeDir, async (cached) => {
    const registration = cached ?? (await registerClient({ ...common, scopes, flow: 'device' }));
    const tokens = await deviceSignIn({
      ...common,
      startUrl: session.startUrl,
      registration,
      onPrompt: options.onDevicePrompt,
    });
    return { tokens, registration };
  });
  const { tokens, registration } = result;
  await writeSsoToken(
    session.name,
    {
      startUrl: session.startUrl,
      region: session.region,
      accessToken: tokens.accessToken,
      expiresAt: tokens.expiresAt,
      ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      registrationExpiresAt: registration.expiresAt,
    },
    homeDir,
  );
  return { session: session.name, flow, expiresAt: tokens.expiresAt };
}

type SignedIn = { tokens: OidcTokens; registration: OidcRegistration };

/** What the OIDC service answers for a client it no longer knows. */
const STALE_CLIENT = new Set(['InvalidClientException', 'UnauthorizedClientException']);

/**
 * Runs a flow with the registration cached for it (registering when there is
 * none), and caches a new one. A cached client the service refuses is
 * replaced once. The cache is an optimisation: failing to write it never
 * fails the sign-in.
 */
async function withCachedRegistration(
  key: RegistrationKey,
  homeDir: string,
  run: (registration: OidcRegistration | undefined) => Promise<SignedIn>,
): Promise<SignedIn> {
  const cached = await readCachedRegistration(key, homeDir);
  let result: SignedIn;
  try {
    result = await run(cached);
  } catch (error) {
    if (!cached || !(error instanceof SsoError && STALE_CLIENT.has(error.code))) throw error;
    result = await run(undefined);
  }
  if (result.registration.clientId !== cached?.clientId) {
    await writeCachedRegistration(key, result.registration, homeDir).catch(() => undefined);
  }
  return result;
}
