import { open, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialsFile } from '../../electron/core/credentials/credentials-file';
import { managedSection, putChange } from '../unit/credentials/helpers/credentials-setup';

/**
 * Regression for a loss found by concurrent-writers.test.ts: `aws configure set`
 * truncates the file, then writes it. When the gap outlasted the two agreeing
 * reads (5 ms apart), Switchyard took the empty file for the truth, renamed its
 * own one-profile file over it, and the in-place writer's bytes then went to the
 * unlinked inode: every profile and comment the user had was gone.
 */
const USER =
  '# mine\n[keep]\naws_access_key_id = AKIAKEEPKEEPKEEPKEEP\naws_secret_access_key = k\n';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-inplace-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('an in-place writer stalled between truncate and write', () => {
  it.each([50, 300])('keeps everything when the stall lasts %i ms', async (stallMs) => {
    const credentialsPath = join(dir, `credentials-${stallMs}`);
    await writeFile(credentialsPath, USER, { mode: 0o600 });
    const edited = `${USER}\n[cli]\naws_access_key_id = AKIACLIEDIT000000001\n`;

    // The other program: open with truncation, stall, then write through its fd.
    const handle = await open(credentialsPath, 'w');
    const writer = (async () => {
      await new Promise((r) => setTimeout(r, stallMs));
      await handle.write(edited, 0);
      await handle.close();
    })();
    await new Promise((r) => setTimeout(r, 5)); // Switchyard starts while the file is empty
    const file = new CredentialsFile({ credentialsPath, configPath: join(dir, 'config') });
    const result = await file.apply([putChange('p')]);
    await writer;

    const text = await readFile(credentialsPath, 'utf8');
    expect(result.written).toBe(true);
    expect(text).toBe(`${edited}\n${managedSection('p')}`);
  });
});
