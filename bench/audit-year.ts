/**
 * Row 9: a busy user's year of audit trail. 25 active roles refreshed every
 * 50 minutes through 10-hour working days, 5 days a week, plus 40 other events
 * a day (console links, credential_process, exec): every line written through
 * the real AuditLog (with a clock that walks through the year), the monthly
 * upkeep gzipping past months. Figures: bytes on disk at the end, bytes before
 * compaction, the cost of one append, and reading back a week.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '../electron/core/audit/audit-event';
import { auditFolder } from '../electron/core/audit/audit-files';
import { AuditLog } from '../electron/core/audit/audit-log';
import { readAudit } from '../electron/core/audit/audit-read';

const DAY = 86_400_000;
const REFRESH_EVERY_MS = 50 * 60_000;
const OTHER_EVENTS_PER_DAY = 40;

function roleFields(i: number): Omit<AuditEvent, 'event' | 'outcome' | 'by'> {
  return {
    roleId: `r${String(i).padStart(7, '0')}`,
    label: `Team ${i % 5} / account-${i} admin`,
    roleArn: `arn:aws:iam::${String(100_000_000_000 + i * 7919)}:role/PlatformAdministrator`,
    profile: `account-${i}-admin`,
    source: 'profile:corp-user',
    sessionName: 'switchyard-alex',
  };
}

function folderBytes(folder: string): { bytes: number; files: number } {
  let bytes = 0;
  const names = readdirSync(folder);
  for (const name of names) bytes += statSync(join(folder, name)).size;
  return { bytes, files: names.length };
}

export async function benchAuditYear(roles: number): Promise<unknown> {
  const configDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-audit-'));
  try {
    const start = Date.UTC(2026, 0, 1);
    let now = start;
    const log = new AuditLog({ configDir, now: () => now });
    let lines = 0;
    let rawBytes = 0;
    const appendNs: number[] = [];
    const record = (event: AuditEvent): void => {
      const t0 = process.hrtime.bigint();
      log.record(event);
      appendNs.push(Number(process.hrtime.bigint() - t0));
      lines += 1;
      rawBytes += Buffer.byteLength(JSON.stringify({ time: '', ...event })) + 30;
    };
    for (let day = 0; day < 365; day += 1) {
      const weekday = new Date(start + day * DAY).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const open = start + day * DAY + 8 * 3_600_000;
      for (let t = open; t < open + 10 * 3_600_000; t += REFRESH_EVERY_MS) {
        now = t;
        for (let i = 0; i < roles; i += 1) {
          record({
            event: 'refresh',
            outcome: 'ok',
            by: 'tray',
            ...roleFields(i),
            expiresAt: t + 3_600_000,
          });
        }
      }
      for (let k = 0; k < OTHER_EVENTS_PER_DAY; k += 1) {
        now = open + k * 60_000;
        const event = (['console-link', 'credential-process', 'exec'] as const)[k % 3]!;
        record({ event, outcome: 'ok', by: 'cli:exec', ...roleFields(k % roles) });
      }
      await log.settled();
    }
    await log.settled();
    const { bytes, files } = folderBytes(auditFolder(configDir));
    const readStart = performance.now();
    const week = await readAudit(configDir, { since: now - 7 * DAY });
    const readWeekMs = performance.now() - readStart;
    const readAllStart = performance.now();
    const all = await readAudit(configDir);
    const readAllMs = performance.now() - readAllStart;
    appendNs.sort((a, b) => a - b);
    return {
      roles,
      lines,
      rawBytes,
      diskBytes: bytes,
      files,
      appendMedianUs: appendNs[Math.floor(appendNs.length / 2)]! / 1000,
      appendP99Us: appendNs[Math.floor(appendNs.length * 0.99)]! / 1000,
      readWeekMs,
      weekRecords: week.records.length,
      readAllMs,
      allRecords: all.records.length,
    };
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
}
