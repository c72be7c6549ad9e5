import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requireProfile } from '../../../electron/cli/require-profile';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function paths() {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-require-profile-'));
  dirs.push(dir);
  return { credentialsPath: join(dir, 'credentials'), configPath: join(dir, 'config') };
}

describe('requireProfile', () => {
  it('waits out a credentials file another tool has just truncated to rewrite in place', async () => {
    const p = paths();
    writeFileSync(p.credentialsPath, ''); // `aws configure set`: open(path, 'w') truncates...
    const rewrite = setTimeout(() => {
      // ...and writes the whole file back a moment later.
      writeFileSync(p.credentialsPath, '[source]\naws_access_key_id = AKIAEXAMPLE\n');
    }, 150);
    try {
      await expect(requireProfile(p, 'source', '--source-profile')).resolves.toBeUndefined();
    } finally {
      clearTimeout(rewrite);
    }
  });

  it('refuses a profile neither file defines, in one line naming both files', async () => {
    const p = paths();
    writeFileSync(p.credentialsPath, '[other]\naws_access_key_id = AKIAEXAMPLE\n');
    const error = await requireProfile(p, 'source', '--source-profile').catch((e: unknown) => e);
    expect((error as Error).message).toContain(p.credentialsPath);
    expect((error as Error).message).toContain(p.configPath);
    expect((error as Error).message).toMatch(/profiles there: other/);
    expect((error as Error).message).not.toMatch(/\n/);
  });
});
