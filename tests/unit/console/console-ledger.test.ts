import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import {
  CONSOLE_SESSION_MS,
  LEDGER_FILE,
  liveEntries,
  multiSessionNote,
  noteOpened,
  otherIdentities,
} from '../../../electron/core/console/console-ledger';

const A = 'arn:aws:iam::111111111111:role/a';
const B = 'arn:aws:iam::222222222222:role/b';
const C = 'arn:aws:iam::333333333333:role/c';
const NOW = Date.UTC(2026, 11, 6, 12);

describe('the roles opened in the system browser', () => {
  it('counts other roles within a console session (12 h), each once', () => {
    const entries = [
      { roleArn: A, at: NOW - 1000 },
      { roleArn: B, at: NOW - 2000 },
      { roleArn: B, at: NOW - 500 },
      { roleArn: C, at: NOW - CONSOLE_SESSION_MS - 1 },
    ];
    expect(otherIdentities(entries, A, NOW)).toEqual([B]);
    expect(liveEntries(entries, NOW)).toEqual([
      { roleArn: B, at: NOW - 500 },
      { roleArn: A, at: NOW - 1000 },
    ]);
  });

  it('says how many, that the console holds 5, and when there are more than it holds', () => {
    expect(multiSessionNote(0)).toBeUndefined();
    expect(multiSessionNote(1)).toMatch(
      /1 other role Switchyard opened.*up to 5 identities, without/,
    );
    expect(multiSessionNote(4)).not.toMatch(/more than it holds/);
    expect(multiSessionNote(5)).toMatch(/5 other roles.*more than it holds/);
  });

  describe('on disk', () => {
    const dirs: string[] = [];
    afterEach(() => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    });

    it('records each opening owner-only and returns the others; a damaged file starts over', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'switchyard-ledger-'));
      dirs.push(dir);
      const config = join(dir, 'cfg');
      expect(await noteOpened(config, A, NOW)).toEqual([]);
      expect(await noteOpened(config, B, NOW + 1)).toEqual([A]);
      expect(await noteOpened(config, A, NOW + 2)).toEqual([B]);
      expect(statSync(join(config, LEDGER_FILE)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(join(config, LEDGER_FILE), 'utf8')).opened).toHaveLength(2);
      writeFileSync(join(config, LEDGER_FILE), '{not json');
      expect(await noteOpened(config, C, NOW + 3)).toEqual([]);
    });
  });
});
