/**
 * A session error in words a person can act on: what went wrong (one
 * sentence), what to do about it (one sentence, and where the tray can do it,
 * an action), and AWS's own message kept as the detail. Pure, so the tray's
 * details panel, its footer and the CLI say the same thing.
 */

import type { RoleEntry, RoleView, SessionErrorView } from './model';

export type ErrorActionKind =
  /** Copy a ready message for the role's admin: the caller ARN and the role ARN. */
  | 'copy-for-admin'
  /** Ask for a new MFA code (activating again raises the prompt). */
  | 'enter-mfa'
  /** Sign in to the Identity Center session again. */
  | 'sign-in'
  /** Open the role's form (another region, another source). */
  | 'edit-role'
  /** Try again once the cause is fixed. */
  | 'retry';

export interface ErrorAction {
  readonly kind: ErrorActionKind;
  /** The button's text, e.g. "Copy your ARN for the admin". */
  readonly label: string;
}

export interface ErrorExplanation {
  /** What went wrong, one sentence. */
  readonly sentence: string;
  /** How to fix it, one sentence (the CLI prints it; the tray shows it under the sentence). */
  readonly fix: string;
  readonly action?: ErrorAction;
  /** AWS's (or the file's) own message, one line: "Show AWS's message". */
  readonly detail: string;
  /** The identity AWS named as the caller (AccessDenied), when it did. */
  readonly callerArn?: string;
}

export interface ErrorContext {
  readonly role: Pick<RoleEntry, 'label' | 'roleArn' | 'region' | 'source' | 'mfaSerial'>;
  /** The label of the catalog role this one is chained from (source kind "role"). */
  readonly sourceRoleLabel?: string;
}

const CALLER = /User: (arn:[^\s]+) is not authorized to perform:? sts:AssumeRole/i;
const SKEW_TIMES =
  /Signature expired: (\d{8}T\d{6}Z) is now earlier than \d{8}T\d{6}Z \((\d{8}T\d{6}Z)/i;
const CLOCK_CODES = new Set(['RequestTimeTooSkewed', 'SignatureExpired', 'RequestExpired']);
const BAD_KEY_CODES = new Set([
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'UnrecognizedClientException',
]);
const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException']);

function roleName(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1) || roleArn;
}

function isoBasic(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return Number.NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/** "your clock is 20 minutes behind", from the two times of "Signature expired: …". */
function clockOffset(message: string): string {
  const m = SKEW_TIMES.exec(message);
  const minutes = m ? Math.round((isoBasic(m[2]!) - isoBasic(m[1]!)) / 60_000) : Number.NaN;
  if (!Number.isFinite(minutes) || minutes === 0) {
    return 'This computer’s clock is more than 15 minutes off, so AWS refused the request.';
  }
  const n = Math.abs(minutes);
  const unit = n === 1 ? 'minute' : 'minutes';
  return `This computer’s clock is ${n} ${unit} ${minutes > 0 ? 'behind' : 'ahead'}, so AWS refused the request.`;
}

/** The source identity in words: which profile or keychain entry to fix. */
export function describeSource(context: ErrorContext): string {
  const { source } = context.role;
  switch (source.kind) {
    case 'profile':
      return `profile ${source.profile}`;
    case 'keys':
      return `keychain keys ${source.name}`;
    case 'role':
      return `role ${context.sourceRoleLabel ?? 'it is chained from'}`;
    case 'sso':
      return `Identity Center session ${source.session}`;
    default:
      return 'your default credentials';
  }
}

function badKeysFix(context: ErrorContext): string {
  const { source } = context.role;
  if (source.kind === 'profile') {
    return `Put working keys in profile ${source.profile} (~/.aws/credentials), then retry.`;
  }
  if (source.kind === 'keys') {
    return `Store working keys with \`switchyard keys set ${source.name}\`, then retry.`;
  }
  return 'Fix the source credentials, then retry.';
}

function expired(context: ErrorContext, detail: string): ErrorExplanation {
  const { source, mfaSerial } = context.role;
  if (source.kind === 'sso') {
    return {
      sentence: `Your sign-in to ${describeSource(context)} has expired.`,
      fix: 'Sign in again; the role resumes after it.',
      action: { kind: 'sign-in', label: 'Sign in again' },
      detail,
    };
  }
  if (source.kind === 'role') {
    return {
      sentence: `The session of ${describeSource(context)} has expired.`,
      fix: 'Activate again: the role it is chained from is assumed first.',
      action: { kind: 'retry', label: 'Activate again' },
      detail,
    };
  }
  if (mfaSerial) {
    return {
      sentence: `The MFA session of ${describeSource(context)} has expired.`,
      fix: 'Enter a new MFA code.',
      action: { kind: 'enter-mfa', label: 'Re-enter MFA code' },
      detail,
    };
  }
  return {
    sentence: `The temporary keys of ${describeSource(context)} have expired.`,
    fix: 'Sign in again with the tool that wrote them, then retry.',
    action: { kind: 'retry', label: 'Retry' },
    detail,
  };
}

/** The message to hand the role's admin: who asked, for which role, and what AWS said. */
export function adminRequest(context: ErrorContext, explanation: ErrorExplanation): string {
  const who = explanation.callerArn ?? `the identity of ${describeSource(context)}`;
  return (
    `Please allow ${who} to assume ${context.role.roleArn} ` +
    `(add it to the role's trust policy). AWS said: ${explanation.detail}`
  );
}

export function explainError(error: SessionErrorView, context: ErrorContext): ErrorExplanation {
  const detail = error.message;
  const { code, message } = error;
  const name = roleName(context.role.roleArn);
  const mfaFailed = /MultiFactorAuthentication/i.test(message);

  if (mfaFailed) {
    return {
      sentence: 'The MFA code was not accepted.',
      fix: 'Wait for the next code from your device and enter it.',
      action: { kind: 'enter-mfa', label: 'Re-enter MFA code' },
      detail,
    };
  }
  if (code === 'AccessDenied' || code === 'AccessDeniedException') {
    const callerArn = CALLER.exec(message)?.[1];
    const who = callerArn ?? `the identity of ${describeSource(context)}`;
    return {
      sentence: `The trust policy of role ${name} does not let ${who} assume it (or the role does not exist).`,
      fix: "Ask the role's admin to allow your ARN in its trust policy, or check the role ARN.",
      action: { kind: 'copy-for-admin', label: 'Copy your ARN for the admin' },
      detail,
      ...(callerArn ? { callerArn } : {}),
    };
  }
  if (
    CLOCK_CODES.has(code) ||
    (code === 'SignatureDoesNotMatch' && /signature expired/i.test(message))
  ) {
    return {
      sentence: clockOffset(message),
      fix: 'Set the clock right (turn on automatic date and time), then retry.',
      action: { kind: 'retry', label: 'Retry' },
      detail,
    };
  }
  if (EXPIRED_CODES.has(code)) return expired(context, detail);
  if (BAD_KEY_CODES.has(code) || code === 'SignatureDoesNotMatch') {
    const what =
      code === 'SignatureDoesNotMatch'
        ? 'secret access key does not match its access key'
        : 'access key is wrong or was deleted';
    return {
      sentence: `The ${what} (${describeSource(context)}).`,
      fix: badKeysFix(context),
      action: { kind: 'retry', label: 'Retry' },
      detail,
    };
  }
  if (code === 'RegionDisabledException' || /not activated in (this|the) region/i.test(message)) {
    const region = context.role.region ?? 'the region it uses';
    return {
      sentence: `STS is not enabled in ${region} for this account.`,
      fix: `Enable ${region} in the account's settings (AWS Regions), or pick another region for the role.`,
      action: { kind: 'edit-role', label: 'Pick another region' },
      detail,
    };
  }
  if (error.kind === 'retryable') {
    return {
      sentence: 'AWS could not be reached or was busy.',
      fix:
        error.retryAt === undefined
          ? 'Switchyard tries again by itself.'
          : 'Switchyard tries again by itself; Retry tries now.',
      action: { kind: 'retry', label: 'Retry' },
      detail,
    };
  }
  return { sentence: detail, fix: '', detail };
}

/** A role view's error explained, naming the role it is chained from by its label. */
export function explainView(
  view: RoleView,
  roles: readonly RoleView[],
): ErrorExplanation | undefined {
  if (!view.error) return undefined;
  return explainError(view.error, contextOf(view, roles));
}

export function contextOf(view: RoleView, roles: readonly RoleView[]): ErrorContext {
  const { source } = view.role;
  const sourceRoleLabel =
    source.kind === 'role'
      ? roles.find((other) => other.role.id === source.roleId)?.role.label
      : undefined;
  return { role: view.role, ...(sourceRoleLabel !== undefined ? { sourceRoleLabel } : {}) };
}
