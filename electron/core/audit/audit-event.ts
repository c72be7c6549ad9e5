/**
 * One line of the audit trail: what Switchyard issued or used, for whom, and
 * who asked. Every field is public information (ARNs, profile names, error
 * codes); the type has no place for a key, a token or a code, and the writer
 * takes nothing else.
 */
import { isoTime } from '../../../shared/iso-time';

export const AUDIT_EVENTS = [
  'assume',
  'refresh',
  'failure',
  'expire-removed',
  'console-link',
  'federated-sign-in',
  'credential-process',
  'exec',
  'env',
  'endpoint-grant',
  'sso-sign-in',
  'mfa-session',
] as const;

export type AuditEventKind = (typeof AUDIT_EVENTS)[number];

export type AuditOutcome = 'ok' | 'error';

export interface AuditEvent {
  readonly event: AuditEventKind;
  readonly outcome: AuditOutcome;
  /** Who asked: `tray`, `daemon`, `endpoint`, or `cli:<command>`. */
  readonly by: string;
  readonly roleId?: string;
  readonly label?: string;
  readonly roleArn?: string;
  readonly profile?: string;
  /** The source identity: an ARN or a profile / keychain entry name, never a key. */
  readonly source?: string;
  readonly sessionName?: string;
  /** Epoch ms when the issued credentials expire. */
  readonly expiresAt?: number;
  /** The AWS (or Switchyard) error code of a failure. */
  readonly errorCode?: string;
}

/** An event as stored: the time first, expiry as ISO 8601. */
export interface AuditRecord extends Omit<AuditEvent, 'expiresAt'> {
  readonly time: string;
  readonly expiresAt?: string;
}

/** A field longer than this is cut: one line stays one small write. */
const FIELD_LIMIT = 512;

const FIELD_ORDER = [
  'roleId',
  'label',
  'roleArn',
  'profile',
  'source',
  'sessionName',
  'errorCode',
] as const;

function clean(value: string): string {
  // Control characters (a newline above all) would split the line.
  // eslint-disable-next-line no-control-regex
  const oneLine = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return oneLine.length > FIELD_LIMIT ? `${oneLine.slice(0, FIELD_LIMIT - 1)}…` : oneLine;
}

export function isAuditEventKind(value: string): value is AuditEventKind {
  return (AUDIT_EVENTS as readonly string[]).includes(value);
}

/** The stored form of an event at `now`. */
export function auditRecord(event: AuditEvent, now: number): AuditRecord {
  const record: Record<string, string> = {
    time: isoTime(now),
    event: event.event,
    outcome: event.outcome,
    by: clean(event.by),
  };
  for (const field of FIELD_ORDER) {
    const value = event[field];
    if (value !== undefined && value !== '') record[field] = clean(value);
  }
  if (event.expiresAt !== undefined && Number.isFinite(event.expiresAt)) {
    record.expiresAt = isoTime(event.expiresAt);
  }
  return record as unknown as AuditRecord;
}

/** One JSON line, newline included. */
export function auditLine(event: AuditEvent, now: number): string {
  return `${JSON.stringify(auditRecord(event, now))}\n`;
}

const TEXT_FIELDS = ['by', ...FIELD_ORDER, 'expiresAt'] as const;

/** The one form `time` is written in (toISOString): its text order is its time order. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A parsed line, or undefined for a line that is not a well-formed record (a torn or foreign line). */
export function parseAuditLine(line: string): AuditRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.time !== 'string' || !ISO_TIME.test(record.time)) return undefined;
  if (typeof record.event !== 'string' || !isAuditEventKind(record.event)) return undefined;
  if (record.outcome !== 'ok' && record.outcome !== 'error') return undefined;
  for (const field of TEXT_FIELDS) {
    if (record[field] !== undefined && typeof record[field] !== 'string') return undefined;
  }
  if (typeof record.by !== 'string') return undefined;
  return record as unknown as AuditRecord;
}
