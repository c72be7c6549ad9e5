import { inputError } from './check-text';
import { checkColor } from './console-colors';
import { checkFederationEndpoint } from './federation-endpoint';
import { consoleDestinationUrl } from './console-destination';
import { classifyAwsHost, parseAwsConsoleOrSigninUrl, PARTITIONS } from './partitions';
import { quoteValue } from './quote-value';
import type { Partition, RoleArn } from './role-arn';
import { checkDisplayName } from './validate-display-name';

export { federationEndpoint } from './federation-endpoint';
export { signinSessionDuration } from './signin-session-duration';
export { consoleDestinationUrl, checkRegionInPartition } from './console-destination';

/** The console keeps path + role name of a switch in a cookie that holds 64 characters. */
const MAX_SWITCH_ROLE_NAME = 64;
const MAX_DISPLAY_NAME = 64;

/** Query string with %20 for spaces, which both form and URI decoders read back the same. */
function query(params: ReadonlyArray<readonly [string, string]>): string {
  return params
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}

function defaultDisplayName(role: RoleArn): string {
  const suffix = ` @ ${role.accountId}`;
  const name = [...role.roleName];
  const room = MAX_DISPLAY_NAME - suffix.length;
  // Shorten the role name, not the account, which is what tells sessions apart.
  const shown = name.length > room ? `${name.slice(0, room - 1).join('')}…` : role.roleName;
  return `${shown}${suffix}`;
}

export interface SwitchRoleUrlInput {
  readonly role: RoleArn;
  /** Console header label; defaults to "ROLE @ ACCOUNT". */
  readonly displayName?: string;
  /** Hex or palette name, see checkColor. */
  readonly color?: string;
  /** A console page of the role's partition to land on after the switch (`redirect_uri`). */
  readonly destination?: string;
}

/**
 * The console's own switch-role link. It needs no credentials of ours: the
 * browser's current console identity must be allowed to assume the role.
 */
export function switchRoleUrl(input: SwitchRoleUrlInput): string {
  const { role } = input;
  const roleName = `${role.path.slice(1)}${role.roleName}`;
  if (roleName.length > MAX_SWITCH_ROLE_NAME) {
    throw inputError(
      'role ARN',
      `path and name ${quoteValue(roleName)} are ${roleName.length} characters, but the console's switch-role link holds at most ${MAX_SWITCH_ROLE_NAME} (it keeps them in a cookie)`,
      'open this role with federated sign-in instead, or use a role with a shorter path',
    );
  }
  const params: Array<[string, string]> = [
    ['account', role.accountId],
    ['roleName', roleName],
    [
      'displayName',
      input.displayName === undefined
        ? defaultDisplayName(role)
        : checkDisplayName(input.displayName),
    ],
  ];
  if (input.color !== undefined) params.push(['color', checkColor(input.color)]);
  if (input.destination !== undefined) {
    params.push(['redirect_uri', checkConsolePage(input.destination, role.partition)]);
  }
  return `https://${PARTITIONS[role.partition].signinHost}/switchrole?${query(params)}`;
}

/** The console home page, in a region of the partition or the console's own default. */
export function consoleHomeUrl(partition: Partition, region?: string): string {
  return consoleDestinationUrl(partition, region === undefined ? {} : { region });
}

/** A console page URL of `partition`, normalized; anything else is a one-line error. */
function checkConsolePage(url: string, partition: Partition): string {
  const parsed = parseAwsConsoleOrSigninUrl(url);
  const host = parsed && classifyAwsHost(parsed.hostname);
  if (!parsed || host?.kind !== 'console' || host.partition !== partition) {
    throw inputError(
      'destination',
      `${quoteValue(url)} is not a console page of ${partition}`,
      `use a URL such as https://${PARTITIONS[partition].consoleHost}/`,
    );
  }
  return parsed.href;
}

export interface FederatedLoginUrlInput {
  /** From federationEndpoint. */
  readonly endpoint: string;
  /** From getSigninToken; the URL built from it signs in whoever opens it for 15 minutes. */
  readonly signinToken: string;
  /** Shown by AWS as where the user came from; any short text works. */
  readonly issuer: string;
  /** A console page of the same partition. */
  readonly destination: string;
}

/**
 * Step 2 of console federation. The returned URL is a bearer credential until
 * the token expires: open it, never log or display it.
 */
export function federatedLoginUrl(input: FederatedLoginUrlInput): string {
  const endpoint = checkFederationEndpoint(input.endpoint);
  if (input.signinToken === '') {
    throw inputError('sign-in token', 'is empty', 'request a new one with getSigninToken');
  }
  const endpointHost = classifyAwsHost(new URL(endpoint).hostname);
  const destination = parseAwsConsoleOrSigninUrl(input.destination);
  const destinationHost = destination && classifyAwsHost(destination.hostname);
  const example = `https://${PARTITIONS[endpointHost?.partition ?? 'aws'].consoleHost}/`;
  if (!destination || destinationHost?.kind !== 'console') {
    throw inputError(
      'destination',
      `${quoteValue(input.destination)} is not an https AWS console page`,
      `use a console URL such as ${example}`,
    );
  }
  // A loopback endpoint (tests) has no partition to match.
  if (endpointHost && destinationHost.partition !== endpointHost.partition) {
    throw inputError(
      'destination',
      `${quoteValue(destination.origin)} is in ${destinationHost.partition}, but the sign-in is for ${endpointHost.partition}`,
      `use a console URL such as ${example}`,
    );
  }
  const params = query([
    ['Action', 'login'],
    ['Issuer', input.issuer],
    ['Destination', destination.href],
    ['SigninToken', input.signinToken],
  ]);
  return `${endpoint}?${params}`;
}
