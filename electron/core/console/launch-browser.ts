import { spawn } from 'node:child_process';

import { browserCommand, type BrowserTarget } from './browser-command';
import { startLoopbackRedirect, type LoopbackRedirectOptions } from './loopback-redirect';
import type { RedirectOutcome } from './loopback-redirect';
import { openSecretUrl } from './open-secret-url';
import { checkOpenableUrl, openInBrowser, type SpawnLike } from './open-url';

export interface LaunchOptions {
  readonly spawnImpl?: SpawnLike;
  /** The environment the browser inherits, before credentials are taken out. */
  readonly env?: NodeJS.ProcessEnv;
  /** Also allow http to loopback (a local sign-in stand-in). For tests only. */
  readonly allowLoopback?: boolean;
  readonly redirect?: LoopbackRedirectOptions;
  readonly platform?: NodeJS.Platform;
}

/** Variables that hold AWS credentials: a browser has no use for them. */
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
];

/** The environment for a browser: the caller's, minus any AWS credentials in it. */
export function browserEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of CREDENTIAL_VARIABLES) delete copy[name];
  return copy;
}

async function startBrowser(
  target: Exclude<BrowserTarget, { kind: 'default' }>,
  url: string,
  options: LaunchOptions,
): Promise<void> {
  const { command, args } = browserCommand(target, url);
  // Never a shell: the URL and the role's label reach the browser as they are.
  const child = (options.spawnImpl ?? spawn)(command, args, {
    detached: true,
    stdio: 'ignore',
    windowsHide: false,
    env: browserEnvironment(options.env ?? process.env),
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error: Error & { code?: string }) =>
      reject(
        new Error(
          `Could not start the browser ${JSON.stringify(command)} (${error.code ?? error.name}); check the path or pick another browser`,
        ),
      ),
    );
  });
  child.unref();
}

/**
 * Opens a console page in the role's browser. A URL that carries a secret
 * (a federated sign-in link) never goes into a command line, for any kind of
 * browser: the browser gets a one-time loopback redirect to it, and this
 * resolves once the browser fetched it ('served') or the deadline passed.
 */
export async function openConsoleIn(
  target: BrowserTarget,
  url: string,
  secret: boolean,
  options: LaunchOptions = {},
): Promise<RedirectOutcome | 'opened'> {
  const allowLoopback = options.allowLoopback === true;
  if (target.kind === 'default') {
    const opener = {
      allowLoopback,
      // The system browser may start from the opener: it gets no credentials either.
      env: browserEnvironment(options.env ?? process.env),
      ...(options.spawnImpl ? { spawnImpl: options.spawnImpl } : {}),
      ...(options.platform ? { platform: options.platform } : {}),
    };
    if (secret)
      return openSecretUrl(url, {
        ...opener,
        ...(options.redirect ? { redirect: options.redirect } : {}),
      });
    await openInBrowser(url, opener);
    return 'opened';
  }
  const href = checkOpenableUrl(url, allowLoopback).href;
  if (!secret) {
    await startBrowser(target, href, options);
    return 'opened';
  }
  const redirect = await startLoopbackRedirect(href, options.redirect);
  try {
    await startBrowser(target, redirect.url, options);
  } catch (error) {
    redirect.close();
    throw error;
  }
  return redirect.done;
}
