import type { AuditRecord } from './audit-event';

export const AUDIT_COLUMNS = [
  'time',
  'event',
  'outcome',
  'by',
  'label',
  'roleArn',
  'profile',
  'source',
  'sessionName',
  'expiresAt',
  'errorCode',
  'roleId',
] as const;

/** JSON lines, one record each. */
export function auditJsonLines(records: readonly AuditRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) is prefixed with a
 * quote mark: a label is the user's text, and a trail is opened in spreadsheets.
 */
function csvCell(value: string | undefined): string {
  if (value === undefined) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function auditCsv(records: readonly AuditRecord[]): string {
  const lines = [AUDIT_COLUMNS.join(',')];
  for (const record of records) {
    lines.push(AUDIT_COLUMNS.map((column) => csvCell(record[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
