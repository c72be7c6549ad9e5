import { InputError } from '../../../shared/input-error';
import { AUDIT_EVENTS, isAuditEventKind, type AuditRecord } from '../../core/audit/audit-event';
import { auditCsv, auditJsonLines } from '../../core/audit/audit-format';
import { readAudit, type AuditQuery } from '../../core/audit/audit-read';
import { parseSince } from '../../core/audit/audit-since';
import { catalogDir } from '../../core/catalog/catalog-paths';
import { expectPositionals, optionalString, parseCommandArgs, type ParsedArgs } from '../args';
import { exportTarget, writeExport } from '../export-file';
import { formatTable } from './roles/text-table';
import { writeLines } from './roles/write-output';

const FILTERS = {
  since: { type: 'string' },
  role: { type: 'string' },
  event: { type: 'string' },
} as const;

/** The table shows the last day unless --since says otherwise. */
const TABLE_SPAN = '24h';

function query(values: ParsedArgs['values'], defaultSince: string | undefined): AuditQuery {
  const since = optionalString(values, 'since') ?? defaultSince;
  const role = optionalString(values, 'role');
  const event = optionalString(values, 'event');
  if (event !== undefined && !isAuditEventKind(event)) {
    throw new InputError(
      'event',
      `unknown audit event ${JSON.stringify(event)}; use one of ${AUDIT_EVENTS.join(', ')}`,
    );
  }
  return {
    ...(since !== undefined ? { since: parseSince(since, Date.now()) } : {}),
    ...(role !== undefined ? { role } : {}),
    ...(event !== undefined ? { event } : {}),
  };
}

function warnSkipped(skipped: number): void {
  if (skipped > 0) {
    process.stderr.write(
      `switchyard: warning: ${skipped} line(s) of the audit trail are not records (cut off by a crash, or edited) and were left out\n`,
    );
  }
}

function shortTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

function tableRows(records: readonly AuditRecord[]): string[][] {
  const rows = [['TIME', 'EVENT', 'OUTCOME', 'ROLE', 'PROFILE', 'BY', 'DETAIL']];
  for (const r of records) {
    const detail =
      r.outcome === 'error'
        ? (r.errorCode ?? '')
        : r.expiresAt
          ? `until ${shortTime(r.expiresAt)}`
          : '';
    rows.push([
      shortTime(r.time),
      r.event,
      r.outcome,
      r.label ?? r.roleArn ?? '-',
      r.profile ?? '-',
      r.by,
      detail,
    ]);
  }
  return rows;
}

async function exportCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('audit export', argv, {
    ...FILTERS,
    force: { type: 'boolean' },
  });
  const [fileText = ''] = expectPositionals('audit export', positionals, ['file']);
  const csv = /\.csv$/i.test(fileText);
  if (!csv && !/\.(jsonl|json|ndjson)$/i.test(fileText)) {
    throw new InputError(
      'file',
      `cannot tell the format from ${JSON.stringify(fileText)}; name the file *.csv or *.jsonl`,
    );
  }
  const force = values.force === true;
  const path = await exportTarget(fileText, force, 'switchyard-audit.jsonl');
  const { records, skipped } = await readAudit(catalogDir(), query(values, undefined));
  warnSkipped(skipped);
  await writeExport(path, csv ? auditCsv(records) : auditJsonLines(records), force);
  writeLines(
    `exported ${records.length} audit record${records.length === 1 ? '' : 's'} to ${path}`,
  );
}

/**
 * `switchyard audit`: what Switchyard issued or used, newest last, as a table
 * or JSON lines; `audit export FILE` writes the same as JSON lines or CSV.
 */
export async function auditCommand(argv: readonly string[]): Promise<void> {
  if (argv[0] === 'export') return exportCommand(argv.slice(1));
  const { values, positionals } = parseCommandArgs('audit', argv, {
    ...FILTERS,
    json: { type: 'boolean' },
  });
  expectPositionals('audit', positionals, []);
  const { records, skipped } = await readAudit(catalogDir(), query(values, TABLE_SPAN));
  warnSkipped(skipped);
  if (values.json === true) {
    process.stdout.write(auditJsonLines(records));
    return;
  }
  if (records.length === 0) {
    writeLines(
      `no audit records since ${optionalString(values, 'since') ?? TABLE_SPAN} ago or that date`,
    );
    return;
  }
  process.stdout.write(formatTable(tableRows(records)));
}
