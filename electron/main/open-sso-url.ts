import { shell } from 'electron';

import { checkOpenableUrl } from '../core/console/open-url';

/**
 * shell.openExternal for an Identity Center sign-in page: the /authorize page
 * of the OIDC service, the device page, the access portal; only on the
 * origins the session allows (core/sso/sso-page-origins.ts), with the same
 * parsing and refusal wording as every other URL Switchyard opens. What is
 * opened is the parsed, normalized href.
 */
export async function openSsoUrl(url: string, allowedOrigins: readonly string[]): Promise<void> {
  await shell.openExternal(checkOpenableUrl(url, false, allowedOrigins).href);
}
