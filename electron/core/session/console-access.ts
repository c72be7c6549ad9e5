import {
  consoleDestinationUrl,
  federatedLoginUrl,
  federationEndpoint,
  switchRoleUrl,
} from '../../../shared/console-urls';
import { InputError } from '../../../shared/input-error';
import type { ConsoleMode } from '../../../shared/ipc-contract';
import type { RoleEntry } from '../../../shared/model';
import type { ConsoleDestination } from '../../../shared/console-destination';
import { parseRoleArn } from '../../../shared/role-arn';
import { getSigninToken } from '../console/signin-token';
import type { SessionCredentials } from '../secret';
import { SsoError, SsoSignInNeeded } from '../sso/sso-errors';
import { StsError } from '../sts/sts-error';
import type { Live } from './live-session';
import type { RoleAssumer } from './role-assumer';
import { readProfileSession } from './role-sources';
import { NeedsMfa } from './session-failure';

/** The JS SDK re-runs credential_process when less than 5 minutes remain; hand out more. */
export const ISSUE_MIN_LIFE_MS = 5 * 60_000 + 60_000;

export interface AccessContext {
  readonly role: RoleEntry;
  readonly live: Live | undefined;
  readonly credentialsPath: string;
  readonly now: number;
}

/**
 * Credentials for `credential_process`: the role's live session when it has
 * more than five minutes left, else a fresh one from STS that is handed out
 * without being written anywhere.
 */
export async function issueCredentials(
  { role, live, credentialsPath, now }: AccessContext,
  assumer: RoleAssumer,
): Promise<SessionCredentials> {
  if (live?.inFile && live.expiresAt !== undefined && live.expiresAt - now > ISSUE_MIN_LIFE_MS) {
    const current =
      live.credentials ?? (await readProfileSession(credentialsPath, role.profile, live.expiresAt));
    if (current) return current;
  }
  try {
    return (await assumer.assume(role)).credentials;
  } catch (error) {
    if (error instanceof NeedsMfa) {
      throw new StsError(
        'needs-user',
        'MfaRequired',
        `${role.label} needs an MFA code for ${error.mfaSerial}: run \`switchyard activate ${role.id}\` first and type the code at the prompt, or pipe it on stdin`,
        undefined,
        true,
      );
    }
    if (error instanceof SsoSignInNeeded) {
      throw new SsoError(
        'needs-user',
        'SignInRequired',
        `${role.label} needs a sign-in to ${error.session} (${error.reason}): run \`switchyard sso login --session ${error.session}\``,
      );
    }
    throw error;
  }
}

/**
 * The console URL for a role: switch-role, or federated sign-in with its live
 * session. A service or region (else the role's own region) picks the page it
 * lands on: the sign-in's Destination, or the switch-role redirect_uri.
 */
export async function consoleUrl(
  { role, live, credentialsPath, now }: AccessContext,
  mode: ConsoleMode,
  env: NodeJS.ProcessEnv,
  destination: ConsoleDestination = {},
): Promise<string> {
  const arn = parseRoleArn(role.roleArn);
  const region = destination.region ?? role.region;
  const page = consoleDestinationUrl(arn.partition, {
    ...(destination.service === undefined ? {} : { service: destination.service }),
    ...(region === undefined ? {} : { region }),
  });
  // An Identity Center role's real IAM role is AWSReservedSSO_…, which a
  // switch-role link cannot name: it always signs in with its own session.
  if (mode === 'switch-role' && role.source.kind !== 'sso') {
    return switchRoleUrl({
      role: arn,
      ...(role.color ? { color: role.color } : {}),
      displayName: role.label.slice(0, 64),
      // Without a page asked for, the link stays as it always was.
      ...(destination.service !== undefined || destination.region !== undefined
        ? { destination: page }
        : {}),
    });
  }
  const credentials =
    live?.credentials ??
    (live?.expiresAt !== undefined
      ? await readProfileSession(credentialsPath, role.profile, live.expiresAt)
      : undefined);
  if (!credentials || credentials.expiresAt <= now) {
    throw new InputError(
      'role',
      `${role.label} has no live session; activate it before signing in`,
    );
  }
  const endpoint = federationEndpoint(arn.partition, env.SWITCHYARD_SIGNIN_ENDPOINT || undefined);
  const token = await getSigninToken({ endpoint, credentials });
  return federatedLoginUrl({
    endpoint,
    signinToken: token.reveal(),
    issuer: 'switchyard',
    destination: page,
  });
}
