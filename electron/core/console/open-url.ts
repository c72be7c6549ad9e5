import { spawn, type SpawnOptions } from 'node:child_process';

import { isLoopbackHostname } from '../../../shared/loopback';
import { parseAwsConsoleOrSigninUrl } from '../../../shared/partitions';
import { quoteValue } from '../../../shared/quote-value';

/** The bits of a ChildProcess we use, so tests can hand in a fake. */
export interface OpenerProcess {
  once(event: 'spawn', listener: () => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  unref(): void;
}

export type SpawnLike = (
  command: string,
  args: readonly string[],
  options: SpawnOptions,
) => OpenerProcess;

export interface OpenInBrowserOptions {
  readonly platform?: NodeJS.Platform;
  readonly spawnImpl?: SpawnLike;
  /** Also allow http(s) to 127.0.0.1 / localhost / ::1. For tests only. */
  readonly allowLoopback?: boolean;
  /**
   * Also allow this origin (`https://host[:port]`): the Identity Center sign-in
   * page, whose host the user configures (AWS_ENDPOINT_URL_SSO_OIDC), or
   * several (the device page and the access portal of a session too).
   */
  readonly allowOrigin?: string | readonly string[];
  /** The opener's environment; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface OpenerCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly verbatim: boolean;
}

/** How each OS opens a URL in the default browser. */
export function openerCommand(platform: NodeJS.Platform, href: string): OpenerCommand {
  if (platform === 'darwin') return { command: 'open', args: [href], verbatim: false };
  if (platform === 'win32') {
    // `start` needs the empty title first, or it takes the quoted URL as the
    // title. Quoting the URL keeps cmd from reading "&" in the query as a
    // command separator; a normalized href never contains a double quote.
    // /d skips any AutoRun commands from the registry. The URL's "%" signs are
    // percent-escapes; cmd would only substitute one if an environment
    // variable were named like "3A%2F…", which in practice none is.
    return { command: 'cmd', args: ['/d', '/c', 'start', '""', `"${href}"`], verbatim: true };
  }
  return { command: 'xdg-open', args: [href], verbatim: false };
}

/** The URL, parsed, if it may be opened: an AWS console or sign-in page (or loopback, when allowed). */
export function checkOpenableUrl(
  url: string,
  allowLoopback: boolean,
  allowOrigin?: string | readonly string[],
): URL {
  const aws = parseAwsConsoleOrSigninUrl(url);
  if (aws) return aws;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('Refusing to open a link that is not a URL; only AWS console pages are opened');
  }
  const isHttp = parsed.protocol === 'http:' || parsed.protocol === 'https:';
  if (allowLoopback && isHttp && isLoopbackHostname(parsed.hostname)) return parsed;
  const origins = allowOrigin === undefined ? [] : [allowOrigin].flat();
  if (isHttp && origins.includes(parsed.origin)) return parsed;
  // Only the origin is shown: the rest of a link can carry a sign-in token.
  throw new Error(
    `Refusing to open ${quoteValue(`${parsed.protocol}//${parsed.host}`)}: only https AWS sign-in and console pages are opened`,
  );
}

/**
 * Opens an AWS console or sign-in URL in the default browser. The opener is
 * detached and unref'd so it outlives neither more nor less than it should:
 * the app can quit while the browser stays open. Resolves once the opener
 * started; the browser's own failures are not visible from here.
 */
export async function openInBrowser(
  url: string,
  options: OpenInBrowserOptions = {},
): Promise<void> {
  const href = checkOpenableUrl(url, options.allowLoopback === true, options.allowOrigin).href;
  const { command, args, verbatim } = openerCommand(options.platform ?? process.platform, href);
  const spawnImpl: SpawnLike = options.spawnImpl ?? spawn;
  const child = spawnImpl(command, args, {
    detached: true,
    stdio: 'ignore',
    windowsHide: true,
    windowsVerbatimArguments: verbatim,
    ...(options.env ? { env: options.env } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error: Error & { code?: string }) => {
      reject(
        new Error(
          error.code === 'ENOENT'
            ? `Could not open the browser: "${command}" was not found; install it${command === 'xdg-open' ? ' (package xdg-utils)' : ''} or open the AWS console yourself`
            : `Could not open the browser with "${command}" (${error.code ?? error.name}); open the AWS console yourself`,
        ),
      );
    });
  });
  child.unref();
}
