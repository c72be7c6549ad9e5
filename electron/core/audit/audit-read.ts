import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { readRegularFile } from '../fs/regular-file';
import { parseAuditLine, type AuditEventKind, type AuditRecord } from './audit-event';
import { auditFolder, monthFiles, monthIndex } from './audit-files';

const gunzipAsync = promisify(gunzip);

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

function matches(record: AuditRecord, query: AuditQuery, since: string | undefined): boolean {
  if (since !== undefined && record.time < since) return false;
  if (query.event !== undefined && record.event !== query.event) return false;
  if (query.role !== undefined && !matchesRole(record, query.role)) return false;
  return true;
}

/** `{"time":"<24 characters>"`: a line that starts the way ours do, its time complete. */
function wholeTimeAt(line: string): boolean {
  return line.startsWith('{"time":"') && line.charCodeAt(33) === 34; /* " */
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
  const present = new Set(names);
  const months = monthFiles(names)
    .filter((file) => file.month >= first)
    // Both forms of a month exist only when compaction was cut short: the plain file is whole.
    .filter((file) => !file.compressed || !present.has(file.name.slice(0, -'.gz'.length)));
  const records: AuditRecord[] = [];
  let skipped = 0;
  // Times are written as toISOString(), whose text order is time order: lines
  // before `since` are passed over without being parsed.
  const since = query.since === undefined ? undefined : new Date(query.since).toISOString();
  const linePrefix = since === undefined ? undefined : `{"time":"${since}`;
  for (const { name, compressed } of months) {
    const path = join(folder, name);
    let text: string;
    try {
      const bytes = await readRegularFile(path);
      text = (compressed ? await gunzipAsync(bytes) : bytes).toString('utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue; // pruned meanwhile
      throw new Error(fsErrorMessage(error, path, 'read'), { cause: error });
    }
    for (const line of text.split('\n')) {
      if (line === '') continue;
      if (linePrefix !== undefined && wholeTimeAt(line) && line < linePrefix) continue;
      const record = parseAuditLine(line);
      if (!record) {
        skipped += 1;
        continue;
      }
      if (matches(record, query, since)) records.push(record);
    }
  }
  // Lines from concurrent writers land in the order they were written, which
  // can differ from their times by a few ms; a stable sort puts them in time order.
  records.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return { records, skipped };
}
