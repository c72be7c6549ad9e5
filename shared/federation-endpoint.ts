import { inputError } from './check-text';
import { isLoopbackHostname } from './loopback';
import { classifyAwsHost, PARTITIONS } from './partitions';
import { quoteValue } from './quote-value';
import type { Partition } from './role-arn';

const FIELD = 'federation endpoint';

function originOf(url: URL): string {
  return quoteValue(`${url.protocol}//${url.host}`);
}

/**
 * Checks a URL we are about to POST session credentials to. It must be an AWS
 * sign-in host over https (of `partition`, when given), or a loopback server
 * for tests. Any other host would receive the secret key, so a typo or a
 * tampered setting fails here instead of leaking it. Returns the normalized URL.
 */
export function checkFederationEndpoint(url: string, partition?: Partition): string {
  const example = `https://${PARTITIONS[partition ?? 'aws'].signinHost}/federation`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw inputError(FIELD, `${quoteValue(url)} is not a URL`, `use ${example}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw inputError(FIELD, `${originOf(parsed)} is not http(s)`, `use ${example}`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw inputError(FIELD, 'has a user name or password in it', 'remove the "user@" part');
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw inputError(FIELD, 'has a query or fragment', `use just the endpoint, e.g. ${example}`);
  }
  if (isLoopbackHostname(parsed.hostname)) return parsed.href;
  if (parsed.protocol !== 'https:') {
    throw inputError(FIELD, `${originOf(parsed)} is plain http`, `use https, e.g. ${example}`);
  }
  const host = classifyAwsHost(parsed.hostname);
  if (!host || host.kind !== 'signin' || parsed.port !== '') {
    throw inputError(
      FIELD,
      `${originOf(parsed)} is not an AWS sign-in host`,
      `use ${example} (or http://127.0.0.1:PORT for a local test server)`,
    );
  }
  if (partition && host.partition !== partition) {
    throw inputError(
      FIELD,
      `${originOf(parsed)} belongs to ${host.partition}, not ${partition}`,
      `use ${example}`,
    );
  }
  return parsed.href;
}

/**
 * Where getSigninToken and the login redirect go: the partition's sign-in host,
 * or a checked override (a regional sign-in host, or a local test server).
 */
export function federationEndpoint(partition: Partition, override?: string): string {
  if (override !== undefined) return checkFederationEndpoint(override, partition);
  return `https://${PARTITIONS[partition].signinHost}/federation`;
}
