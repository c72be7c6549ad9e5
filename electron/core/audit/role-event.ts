import type { RoleEntry, RoleSource } from '../../../shared/model';
import { defaultSessionName } from '../session/session-name';
import type { AuditEvent, AuditEventKind, AuditOutcome } from './audit-event';
import { AuditLog } from './audit-log';

/** Where a process's audit lines go; `by` is filled in by the sink's owner. */
export type AuditSink = (event: Omit<AuditEvent, 'by'>) => void;

export const noAudit: AuditSink = () => undefined;

/** A sink writing to the trail in `configDir` as `by`; write problems go to onError. */
export function auditTo(
  configDir: string,
  by: string,
  onError?: (message: string) => void,
  now?: () => number,
  retentionMonths?: () => number,
): AuditSink {
  const log = new AuditLog({
    configDir,
    ...(onError ? { onError } : {}),
    ...(now ? { now } : {}),
    ...(retentionMonths ? { retentionMonths } : {}),
  });
  return (event) => log.record({ ...event, by });
}

/**
 * The source identity of a role, in words that name it and never hold a key:
 * the profile, the keychain entry's name, the source role's ARN, the SSO
 * session and account.
 */
export function sourceIdentity(
  source: RoleSource,
  findRole: (id: string) => RoleEntry | undefined = () => undefined,
): string {
  switch (source.kind) {
    case 'profile':
      return `profile:${source.profile}`;
    case 'keys':
      return `keychain:${source.name}`;
    case 'role':
      return findRole(source.roleId)?.roleArn ?? `role:${source.roleId}`;
    case 'default':
      return 'default-chain';
    case 'sso':
      return `sso:${source.session}/${source.accountId}/${source.roleName}`;
  }
}

export interface RoleEventDetails {
  readonly expiresAt?: number;
  readonly errorCode?: string;
  /** The profile written, when it differs from the role's (a session that wrote another one). */
  readonly profile?: string;
  readonly findRole?: (id: string) => RoleEntry | undefined;
}

/** An audit event about one catalog role. */
export function roleEvent(
  event: AuditEventKind,
  outcome: AuditOutcome,
  role: RoleEntry,
  details: RoleEventDetails = {},
): Omit<AuditEvent, 'by'> {
  const sso = role.source.kind === 'sso';
  return {
    event,
    outcome,
    roleId: role.id,
    label: role.label,
    roleArn: role.roleArn,
    profile: details.profile ?? role.profile,
    source: sourceIdentity(role.source, details.findRole),
    // An Identity Center session has no RoleSessionName of ours.
    ...(sso ? {} : { sessionName: role.sessionName ?? defaultSessionName() }),
    ...(details.expiresAt !== undefined ? { expiresAt: details.expiresAt } : {}),
    ...(details.errorCode !== undefined ? { errorCode: details.errorCode } : {}),
  };
}
