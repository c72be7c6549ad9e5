import { checkOpenableUrl, openInBrowser, type OpenInBrowserOptions } from './open-url';
import {
  REDIRECT_DEADLINE_MS,
  startLoopbackRedirect,
  type LoopbackRedirectOptions,
  type RedirectOutcome,
} from './loopback-redirect';

export interface OpenSecretUrlOptions extends OpenInBrowserOptions {
  readonly redirect?: LoopbackRedirectOptions;
}

/**
 * Opens a URL that carries a secret (a federated sign-in link) without putting
 * it in the opener's command line: the browser gets a one-time loopback
 * redirect to it instead (loopback-redirect.ts). Resolves when the browser
 * fetched the redirect, or with 'expired' when it did not within the deadline;
 * the caller stays alive until then, since the redirect lives in its process.
 */
export async function openSecretUrl(
  url: string,
  options: OpenSecretUrlOptions = {},
): Promise<RedirectOutcome> {
  const target = checkOpenableUrl(url, options.allowLoopback === true).href;
  const redirect = await startLoopbackRedirect(target, options.redirect);
  try {
    await openInBrowser(redirect.url, { ...options, allowLoopback: true });
  } catch (error) {
    redirect.close();
    throw error;
  }
  return redirect.done;
}

/** The one-line error for a browser that never came for the page. */
export function redirectExpiredMessage(deadlineMs = REDIRECT_DEADLINE_MS): string {
  return `the browser did not open the sign-in page within ${Math.round(deadlineMs / 1000)} s; rerun with --print and open the link yourself`;
}
