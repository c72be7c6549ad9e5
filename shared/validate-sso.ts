import { inputError, rejectEdgeWhitespace, rejectHiddenChars, requireText } from './check-text';
import { checkProfileName } from './validate-profile-name';
import { checkRegion } from './validate-region';

/**
 * Input checks for IAM Identity Center: the AWS access portal's start URL, the
 * Identity Center region and the `[sso-session NAME]` name. Pure (no Node, no
 * DOM beyond `URL`), so the tray's sign-in form shows the same one-line
 * messages as `switchyard sso login`.
 *
 * Start URL messages never repeat the value: a pasted URL may carry a
 * password (`https://user:pass@…`), and a half-parsed one may hide it anywhere.
 */

/** The longest start URL accepted, in UTF-8 bytes (the OIDC API allows no more). */
export const MAX_START_URL_BYTES = 1024;

const EXAMPLE = 'such as https://d-1234567890.awsapps.com/start';

/**
 * A start URL the sign-in may send to AWS and write to ~/.aws/config: https,
 * a host, no user name or password, no fragment but the portal's own `#/`, at
 * most 1 KiB. Returns it normalised: scheme and host lower-cased (as `URL`
 * does) and the `#/` dropped, so the same portal pasted from the browser bar
 * and from an admin's mail names one session.
 */
export function checkStartUrl(value: unknown, field = 'start URL'): string {
  const fix = `enter your AWS access portal URL, ${EXAMPLE}`;
  const text = requireText(value, field, fix);
  if (text === '') throw inputError(field, 'is empty', fix);
  rejectHiddenChars(text, field);
  rejectEdgeWhitespace(text, field);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_START_URL_BYTES) {
    throw inputError(
      field,
      `is ${bytes} bytes long`,
      `use at most ${MAX_START_URL_BYTES}; the portal URL is short, ${EXAMPLE}`,
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw inputError(field, 'is not a URL', fix);
  }
  if (url.username !== '' || url.password !== '') {
    throw inputError(
      field,
      'contains a user name or password (user:pass@)',
      'remove it; you sign in on the portal page, never in the URL',
    );
  }
  if (url.protocol !== 'https:') {
    throw inputError(
      field,
      `uses ${url.protocol.replace(/:$/, '')}, not https`,
      `use the https:// URL, ${EXAMPLE}`,
    );
  }
  if (url.hostname === '') throw inputError(field, 'has no host name', fix);
  // `#/` is where the portal's own page puts you; any other fragment is not part of the portal's address.
  if (url.hash !== '' && url.hash !== '#/') {
    throw inputError(field, 'has a fragment (#…) other than #/', 'remove everything from the #');
  }
  return `${url.protocol}//${url.host}${url.pathname}${url.search}`;
}

/**
 * True when two start URLs name the same portal: compared after the same
 * normalising as checkStartUrl, and a trailing `/` on the path ignored. Values
 * that are not valid start URLs are compared as written.
 */
export function sameStartUrl(a: string, b: string): boolean {
  return startUrlKey(a) === startUrlKey(b);
}

function startUrlKey(value: string): string {
  let normal: string;
  try {
    normal = checkStartUrl(value);
  } catch {
    return value;
  }
  const url = new URL(normal);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
}

/** The region of the Identity Center instance (its OIDC service and portal). */
export function checkSsoRegion(value: unknown, field = 'SSO region'): string {
  return checkRegion(value, field);
}

/**
 * The name of an `[sso-session NAME]` section: the same characters as a
 * profile name, for the same reason (both SDKs read the header with the same
 * pattern as `[profile NAME]`, and silently drop what it does not match).
 */
export function checkSsoSessionName(value: unknown, field = 'session name'): string {
  return checkProfileName(value, field);
}
