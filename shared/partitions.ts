import type { Partition } from './role-arn';

export type { Partition } from './role-arn';

export interface PartitionInfo {
  readonly id: Partition;
  /** Serves /switchrole and /federation. */
  readonly signinHost: string;
  /** Regional consoles live at `{region}.{consoleHost}`. */
  readonly consoleHost: string;
  /** Where the console lands when no region is chosen. */
  readonly defaultRegion: string;
}

export const PARTITIONS: Readonly<Record<Partition, PartitionInfo>> = {
  aws: {
    id: 'aws',
    signinHost: 'signin.aws.amazon.com',
    consoleHost: 'console.aws.amazon.com',
    defaultRegion: 'us-east-1',
  },
  'aws-cn': {
    id: 'aws-cn',
    signinHost: 'signin.amazonaws.cn',
    consoleHost: 'console.amazonaws.cn',
    defaultRegion: 'cn-north-1',
  },
  'aws-us-gov': {
    id: 'aws-us-gov',
    signinHost: 'signin.amazonaws-us-gov.com',
    consoleHost: 'console.amazonaws-us-gov.com',
    defaultRegion: 'us-gov-west-1',
  },
};

/** The partition a region belongs to, from its name alone (no region list to go stale). */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The sign-in and console hosts of all partitions. Their subdomains
 * (`us-east-1.console…`, `us-east-1.signin…`, multi-session
 * `{account}-{id}.{region}.console…`) are AWS's too and are accepted by
 * `isAwsConsoleOrSigninUrl`.
 */
export function allowedExternalHosts(): string[] {
  return Object.values(PARTITIONS).flatMap((info) => [info.signinHost, info.consoleHost]);
}

export type AwsHostKind = 'signin' | 'console';

// Labels in front of a base host: "us-east-1." or "123456789012-abcd1234.us-east-1.".
const SUBDOMAIN_LABELS = /^([a-z0-9-]+\.)+$/;

function isHostOrSubdomain(hostname: string, base: string): boolean {
  if (hostname === base) return true;
  if (!hostname.endsWith(`.${base}`)) return false;
  return SUBDOMAIN_LABELS.test(hostname.slice(0, hostname.length - base.length));
}

/** Which partition's sign-in or console a hostname belongs to, if any. */
export function classifyAwsHost(
  hostname: string,
): { partition: Partition; kind: AwsHostKind } | undefined {
  for (const info of Object.values(PARTITIONS)) {
    if (isHostOrSubdomain(hostname, info.signinHost)) return { partition: info.id, kind: 'signin' };
    if (isHostOrSubdomain(hostname, info.consoleHost)) {
      return { partition: info.id, kind: 'console' };
    }
  }
  return undefined;
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Parses `url` and returns it only if it is https, carries no user:password and
 * no port (an explicit :443 is normalized away by URL, which is harmless), and its host is an AWS sign-in or console host (exactly,
 * or a subdomain of one). Matching the parsed host, never the raw text, is what
 * keeps `signin.aws.amazon.com.evil.example` and `evil.example\@signin…` out.
 */
export function parseAwsConsoleOrSigninUrl(url: string): URL | undefined {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:') return undefined;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return undefined;
  return classifyAwsHost(parsed.hostname) ? parsed : undefined;
}

/** The allow-list for anything we hand to a browser. */
export function isAwsConsoleOrSigninUrl(url: string): boolean {
  return parseAwsConsoleOrSigninUrl(url) !== undefined;
}
