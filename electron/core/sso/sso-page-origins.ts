import type { SsoSessionConfig } from './sso-config';
import { oidcBaseUrl } from './oidc-pkce';

/**
 * The origins a sign-in to this session may open in the browser, and no
 * other: the OIDC service's /authorize page (a configured endpoint such as
 * AWS_ENDPOINT_URL_SSO_OIDC replaces it, as in the AWS CLI), the device
 * verification page of the session's region, and the access portal of its
 * start URL (newer instances put the device page there). The shell's opener
 * refuses anything else, so the popup can never ask to open an arbitrary page.
 */
export function ssoPageOrigins(
  session: Pick<SsoSessionConfig, 'region' | 'startUrl'>,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const origins = new Set<string>();
  origins.add(new URL(oidcBaseUrl(session.region, undefined, env)).origin);
  const suffix = session.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  origins.add(`https://device.sso.${session.region}.${suffix}`);
  try {
    const portal = new URL(session.startUrl);
    if (portal.protocol === 'https:') origins.add(portal.origin);
  } catch {
    // A start URL the config file got wrong opens nothing.
  }
  return [...origins];
}
