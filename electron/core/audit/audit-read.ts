import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { readRegularFile } from '../fs/regular-file';
import { parseAuditLine, type AuditEventKind, type AuditRecord } from './audit-event';
import { auditFolder, monthIndex, monthOfFileName } from './audit-files';

export interface AuditQuery {
  /** Epoch ms; records before it are left out. */
  readonly since?: number;
  /** Matches a record's role id, label, role ARN or profile exactly (ARN: also its role name). */
  readonly role?: string;
  readonly event?: AuditEventKind;
}

export interface AuditReadResult {
  /** Oldest first. */
  readonly records: readonly AuditRecord[];
  /** Lines that were not records (a line cut off by a crash mid-write, a hand edit). */
  readonly skipped: number;
}

function matchesRole(record: AuditRecord, role: string): boolean {
  if (record.roleId === role || record.label === role || record.profile === role) return true;
  if (record.roleArn === undefined) return false;
  return record.roleArn === role || record.roleArn.endsWith(`:role/${role}`);
}

function matches(record: AuditRecord, query: AuditQuery): boolean {
  if (query.since !== undefined && Date.parse(record.time) < query.since) return false;
  if (query.event !== undefined && record.event !== query.event) return false;
  if (query.role !== undefined && !matchesRole(record, query.role)) return false;
  return true;
}

/** The trail's records that match, from the month files that can hold them. */
export async function readAudit(
  configDir: string,
  query: AuditQuery = {},
): Promise<AuditReadResult> {
  const folder = auditFolder(configDir);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { records: [], skipped: 0 };
    throw new Error(fsErrorMessage(error, folder, 'read'), { cause: error });
  }
  const first = query.since === undefined ? -Infinity : monthIndex(query.since);
  const months = names
    .map((name) => ({ name, month: monthOfFileName(name) }))
    .filter((file): file is { name: string; month: number } => file.month !== undefined)
    .filter((file) => file.month >= first)
    .sort((a, b) => a.month - b.month);
  const records: AuditRecord[] = [];
  let skipped = 0;
  for (const { name } of months) {
    const path = join(folder, name);
    let text: string;
    try {
      text = (await readRegularFile(path)).toString('utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue; // pruned meanwhile
      throw new Error(fsErrorMessage(error, path, 'read'), { cause: error });
    }
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const record = parseAuditLine(line);
      if (!record) {
        skipped += 1;
        continue;
      }
      if (matches(record, query)) records.push(record);
    }
  }
  // Lines from concurrent writers land in the order they were written, which
  // can differ from their times by a few ms; a stable sort puts them in time order.
  records.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  return { records, skipped };
}
