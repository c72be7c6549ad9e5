import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLine, parseAuditLine } from '../../../electron/core/audit/audit-event';
import { AuditLog } from '../../../electron/core/audit/audit-log';
import { auditFolder } from '../../../electron/core/audit/audit-files';
import { readAudit } from '../../../electron/core/audit/audit-read';

const DEC_2026 = Date.UTC(2026, 11, 6, 14, 0, 0);

let configDir: string;
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'switchyard-audit-unit-'));
});
afterEach(() => rmSync(configDir, { recursive: true, force: true }));

describe('audit lines', () => {
  it('are one line whatever a field holds, with long fields cut', () => {
    const line = auditLine(
      {
        event: 'assume',
        outcome: 'ok',
        by: 'cli:assume',
        label: 'evil\nlabel\r\u0007',
        sessionName: 'x'.repeat(5000),
        expiresAt: DEC_2026 + 3_600_000,
      },
      DEC_2026,
    );
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(line.length).toBeLessThan(1200);
    const record = parseAuditLine(line.trimEnd());
    expect(record).toMatchObject({
      time: '2026-12-06T14:00:00.000Z',
      event: 'assume',
      label: 'evil label  ',
      expiresAt: '2026-12-06T15:00:00.000Z',
    });
  });

  it('a torn or foreign line is not a record', () => {
    const line = auditLine({ event: 'refresh', outcome: 'ok', by: 'daemon' }, DEC_2026);
    expect(parseAuditLine(line.slice(0, 30))).toBeUndefined();
    expect(
      parseAuditLine('{"time":"x","event":"refresh","outcome":"ok","by":"d"}'),
    ).toBeUndefined();
    expect(
      parseAuditLine('{"time":"2026-12-06T00:00:00Z","event":"steal","outcome":"ok","by":"d"}'),
    ).toBeUndefined();
    expect(parseAuditLine('[1,2]')).toBeUndefined();
  });
});

describe('AuditLog', () => {
  it('appends to the month file and reads back by filter', async () => {
    let now = DEC_2026;
    const log = new AuditLog({ configDir, now: () => now });
    log.record({ event: 'assume', outcome: 'ok', by: 'tray', label: 'prod', roleId: 'r1' });
    now += 60_000;
    log.record({
      event: 'failure',
      outcome: 'error',
      by: 'daemon',
      label: 'dev',
      errorCode: 'AccessDenied',
    });
    expect(readdirSync(auditFolder(configDir))).toEqual(['2026-12.jsonl']);

    const all = await readAudit(configDir);
    expect(all.records.map((r) => r.event)).toEqual(['assume', 'failure']);
    expect((await readAudit(configDir, { role: 'dev' })).records).toHaveLength(1);
    expect((await readAudit(configDir, { event: 'assume' })).records[0]?.label).toBe('prod');
    expect((await readAudit(configDir, { since: DEC_2026 + 1 })).records).toHaveLength(1);
  });

  it('keeps the months the retention says, gzips the ones that ended, and reads them back', async () => {
    const folder = auditFolder(configDir);
    mkdirSync(folder, { recursive: true });
    for (const name of ['2025-11.jsonl', '2025-12.jsonl.gz', 'notes.txt']) {
      writeFileSync(join(folder, name), '');
    }
    const october = auditLine(
      { event: 'assume', outcome: 'ok', by: 'tray', label: 'oct' },
      Date.UTC(2026, 9, 3),
    );
    writeFileSync(join(folder, '2026-10.jsonl'), october);
    const november = auditLine(
      { event: 'assume', outcome: 'ok', by: 'tray', label: 'nov' },
      Date.UTC(2026, 10, 30),
    );
    writeFileSync(join(folder, '2026-11.jsonl'), november);
    const log = new AuditLog({ configDir, now: () => DEC_2026, retentionMonths: () => 12 });
    log.record({ event: 'refresh', outcome: 'ok', by: 'daemon', label: 'dec' });
    await log.settled();
    // 12 months kept (2026-01 … 2026-12); October and November gzipped
    // (November has been over for more than a day).
    expect(readdirSync(folder).sort()).toEqual([
      '2026-10.jsonl.gz',
      '2026-11.jsonl.gz',
      '2026-12.jsonl',
      'notes.txt',
    ]);
    expect(gunzipSync(readFileSync(join(folder, '2026-10.jsonl.gz'))).toString()).toBe(october);
    const { records } = await readAudit(configDir);
    expect(records.map((r) => r.label)).toEqual(['oct', 'nov', 'dec']);
  });

  it('leaves the month that just ended plain for its first day', async () => {
    const folder = auditFolder(configDir);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '2026-11.jsonl'), '');
    const log = new AuditLog({ configDir, now: () => Date.UTC(2026, 11, 1, 6) });
    log.record({ event: 'refresh', outcome: 'ok', by: 'daemon' });
    await log.settled();
    expect(readdirSync(folder).sort()).toEqual(['2026-11.jsonl', '2026-12.jsonl']);
  });

  it('reads a month once when a cut-short compaction left both of its files', async () => {
    const folder = auditFolder(configDir);
    mkdirSync(folder, { recursive: true });
    const line = auditLine(
      { event: 'assume', outcome: 'ok', by: 'tray', label: 'oct' },
      Date.UTC(2026, 9, 3),
    );
    writeFileSync(join(folder, '2026-10.jsonl'), line);
    writeFileSync(join(folder, '2026-10.jsonl.gz'), gzipSync(line.slice(0, 20)));
    expect((await readAudit(configDir)).records.map((r) => r.label)).toEqual(['oct']);
  });

  it('never follows a link planted at the month file, and says so once', () => {
    const folder = auditFolder(configDir);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const target = join(configDir, 'victim');
    writeFileSync(target, 'untouched\n');
    symlinkSync(target, join(folder, '2026-12.jsonl'));
    const errors: string[] = [];
    const log = new AuditLog({ configDir, now: () => DEC_2026, onError: (m) => errors.push(m) });
    log.record({ event: 'refresh', outcome: 'ok', by: 'daemon' });
    log.record({ event: 'refresh', outcome: 'ok', by: 'daemon' });
    expect(readFileSync(target, 'utf8')).toBe('untouched\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^audit trail not written: .*2026-12\.jsonl/);
  });

  it('does not hang on a FIFO at the month file', () => {
    const folder = auditFolder(configDir);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    execFileSync('mkfifo', [join(folder, '2026-12.jsonl')]);
    const errors: string[] = [];
    const log = new AuditLog({ configDir, now: () => DEC_2026, onError: (m) => errors.push(m) });
    log.record({ event: 'refresh', outcome: 'ok', by: 'daemon' });
    expect(errors).toHaveLength(1);
  });
});
