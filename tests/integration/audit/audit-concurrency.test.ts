import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../../electron/core/audit/audit-read';
import { auditFolder, monthFileName, monthIndex } from '../../../electron/core/audit/audit-files';
import { buildChildren, startChild, type BuiltChildren } from '../refresh/child-process';

const CHILDREN = fileURLToPath(new URL('./children/', import.meta.url));

let children: BuiltChildren;
let configDir: string;

beforeAll(async () => {
  children = await buildChildren(['audit-writer'], CHILDREN);
});
afterAll(() => children.cleanup());

describe('the audit trail under concurrent writers', () => {
  beforeAll(() => {
    configDir = mkdtempSync(join(tmpdir(), 'switchyard-audit-'));
  });
  afterAll(() => rmSync(configDir, { recursive: true, force: true }));

  it('keeps every line of four processes appending at once, none torn or lost', async () => {
    const writers = ['a', 'b', 'c', 'd'].map((name) =>
      startChild(children.script('audit-writer'), [configDir, name, '500']),
    );
    const codes = await Promise.all(writers.map((w) => w.exited));
    expect(codes).toEqual([0, 0, 0, 0]);

    const { records, skipped } = await readAudit(configDir);
    expect(skipped).toBe(0);
    expect(records).toHaveLength(2000);
    for (const name of ['a', 'b', 'c', 'd']) {
      const labels = records.filter((r) => r.by === `writer-${name}`).map((r) => r.label);
      expect(new Set(labels).size).toBe(500);
    }
    const file = join(auditFolder(configDir), monthFileName(monthIndex(Date.now())));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(auditFolder(configDir)).mode & 0o777).toBe(0o700);
  }, 60_000);

  it('a writer killed with SIGKILL mid-stream leaves only whole lines', async () => {
    const killDir = mkdtempSync(join(tmpdir(), 'switchyard-audit-kill-'));
    try {
      const file = join(auditFolder(killDir), monthFileName(monthIndex(Date.now())));
      const writer = startChild(children.script('audit-writer'), [killDir, 'k', '1000000']);
      // Wait until it is well under way, then kill it where it stands.
      const deadline = Date.now() + 20_000;
      for (;;) {
        let size = 0;
        try {
          size = statSync(file).size;
        } catch {
          // not created yet
        }
        if (size > 200_000 || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      writer.process.kill('SIGKILL');
      await writer.exited;

      const text = readFileSync(file, 'utf8');
      expect(text.length).toBeGreaterThan(200_000);
      expect(text.endsWith('\n')).toBe(true);
      const { records, skipped } = await readAudit(killDir);
      expect(skipped).toBe(0);
      expect(records.length).toBe(text.split('\n').length - 1);
    } finally {
      rmSync(killDir, { recursive: true, force: true });
    }
  }, 60_000);
});
