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
import { failureView, NeedsMfa } from './session-failure';
import type { AuditEventKind } from '../audit/audit-event';
import { roleEvent, type AuditSink } from '../audit/role-event';
import { ISSUE_MIN_LIFE_MS } from './issue-min-life';
import type { SessionManagerDeps } from './session-deps';

export interface AccessContext {
  readonly role: RoleEntry;
  readonly live: Live | undefined;
  readonly credentialsPath: string;
  readonly now: number;
  /** Told what was issued or opened, and how it went. */
  readonly audit?: AuditSink;
  readonly findRole?: (id: string) => RoleEntry | undefined;
}

/** The access context of a role as the engine holds it now. */
export function accessContext(
  deps: Pick<SessionManagerDeps, 'credentialsPath' | 'clock' | 'audit' | 'catalog'>,
  role: RoleEntry,
  live: Live | undefined,
): AccessContext {
  return {
    role,
    live,
    credentialsPath: deps.credentialsPath,
    now: deps.clock.now(),
    ...(deps.audit ? { audit: deps.audit } : {}),
    findRole: (id) => deps.catalog.find(id),
  };
}

export interface IssueOptions {
  /** What the audit trail calls this issue (default `credential-process`). */
  readonly event?: 'credential-process' | 'exec' | 'env' | 'endpoint-grant';
  /** Asks for an MFA code once when the role needs one; without it, an MFA need is an error. */
  readonly askMfaCode?: (mfaSerial: string) => Promise<string>;
}

/** Records the outcome of `work` as one audit line for the role, then passes it on. */
async function audited<T>(
  context: AccessContext,
  event: AuditEventKind,
  work: () => Promise<T>,
  expiryOf: (value: T) => number | undefined,
): Promise<T> {
  const { role, audit, findRole } = context;
  const lookup = findRole ? { findRole } : {};
  try {
    const value = await work();
    const expiresAt = expiryOf(value);
    audit?.(roleEvent(event, 'ok', role, { ...lookup, ...(expiresAt ? { expiresAt } : {}) }));
    return value;
  } catch (error) {
    audit?.(roleEvent(event, 'error', role, { ...lookup, errorCode: failureView(error).code }));
    throw error;
  }
}

/**
 * Credentials for `credential_process`, `env` and `exec`: the role's live
 * session when it has more than five minutes left, else a fresh one from STS
 * that is handed out without being written anywhere. With `askMfaCode`, an
 * MFA need is answered by asking for the code once; without, it is an error
 * that says how to activate.
 */
export async function issueCredentials(
  context: AccessContext,
  assumer: RoleAssumer,
  options: IssueOptions = {},
): Promise<SessionCredentials> {
  return audited(
    context,
    options.event ?? 'credential-process',
    () => issue(context, assumer, options.askMfaCode),
    (c) => c.expiresAt,
  );
}

async function issue(
  { role, live, credentialsPath, now }: AccessContext,
  assumer: RoleAssumer,
  askMfaCode?: (mfaSerial: string) => Promise<string>,
): Promise<SessionCredentials> {
  if (live?.inFile && live.expiresAt !== undefined && live.expiresAt - now > ISSUE_MIN_LIFE_MS) {
    const current =
      live.credentials ?? (await readProfileSession(credentialsPath, role.profile, live.expiresAt));
    if (current) return current;
  }
  try {
    return (await assumer.assume(role)).credentials;
  } catch (error) {
    if (error instanceof NeedsMfa && askMfaCode) {
      // Asked once: the MFA session goes to the keychain cache as activate's
      // does, and the role is assumed from it.
      const tokenCode = await askMfaCode(error.mfaSerial);
      await assumer.mfaSession(role, error.sourceKey, {
        serialNumber: error.mfaSerial,
        tokenCode,
      });
      return (await assumer.assume(role)).credentials;
    }
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
  context: AccessContext,
  mode: ConsoleMode,
  env: NodeJS.ProcessEnv,
  destination: ConsoleDestination = {},
): Promise<string> {
  const federated = mode !== 'switch-role' || context.role.source.kind === 'sso';
  const event = federated ? 'federated-sign-in' : 'console-link';
  return audited(
    context,
    event,
    () => buildConsoleUrl(context, mode, env, destination),
    () => undefined,
  );
}

async function buildConsoleUrl(
  { role, live, credentialsPath, now }: AccessContext,
  mode: ConsoleMode,
  env: NodeJS.ProcessEnv,
  destination: ConsoleDestination,
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
