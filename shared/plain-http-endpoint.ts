import { isLoopbackHostname } from './loopback';

/** The variables that point STS calls elsewhere, the more specific first (as stsEndpointFromEnv reads them). */
const STS_ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL'] as const;

/**
 * One line when the STS endpoint in effect is plain http to another machine:
 * AssumeRole answers carry session keys, which would then cross the network
 * unencrypted. Loopback is fine (a local test server or proxy), and a
 * SWITCHYARD_SIGNIN_ENDPOINT like that is refused outright elsewhere; an STS
 * endpoint is the SDK's setting, so it is honoured, with this warning.
 * Undefined when there is nothing to warn about.
 */
export function plainHttpEndpointWarning(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const name = STS_ENDPOINT_VARIABLES.find((variable) => env[variable]);
  if (name === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(env[name]!);
  } catch {
    return undefined; // not a URL: the SDK's own error says so
  }
  if (url.protocol !== 'http:' || isLoopbackHostname(url.hostname)) return undefined;
  return `${name} is plain http to a non-loopback host (${url.host}); session credentials cross the network unencrypted`;
}
