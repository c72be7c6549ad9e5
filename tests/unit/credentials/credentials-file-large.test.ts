import { describe, expect, it } from 'vitest';
import { applyProfileEdits } from '../../../electron/core/credentials/ini-edit';
import { generateProfiles } from './helpers/generate-profiles';
import { managedLines, putChange, setupFiles } from './helpers/credentials-setup';
import { useTempDirs } from './helpers/temp-dirs';

const tempDir = useTempDirs();

describe('a 5,000-profile credentials file', () => {
  const input = generateProfiles(5000);
  const target = 'profile-02501';
  const oldSection = input.slice(
    input.indexOf(`[${target}]`),
    input.indexOf('\n\n', input.indexOf(`[${target}]`)) + 1,
  );

  it('is about a megabyte', () => {
    expect(input.length).toBeGreaterThan(900_000);
    expect(oldSection).toMatch(/^\[profile-02501\]\naws_access_key_id = ASIA/);
  });

  // Speed is measured by `npm run bench` (the credentials-editor rows), not asserted here:
  // a CPU bound in a test fails on a loaded machine and proves nothing on a quiet one.
  it('gets a one-profile edit that changes only that profile, in memory and on disk', async () => {
    const edit = {
      kind: 'put' as const,
      profile: target,
      values: [['aws_access_key_id', 'ASIANEW'] as [string, string]],
    };
    const edited = applyProfileEdits(input, [edit]);
    expect(edited).not.toBe(input);
    const editedSection = edited.slice(
      edited.indexOf(`[${target}]`),
      edited.indexOf('\n\n', edited.indexOf(`[${target}]`)) + 1,
    );
    expect(editedSection).toMatch(/^\[profile-02501\]\naws_access_key_id = ASIANEW\n/);
    expect(edited.replace(editedSection, oldSection)).toBe(input);

    const setup = await setupFiles(await tempDir(), { credentials: input });
    await setup.file.apply([putChange('warm-up')]);
    const before = await setup.read();
    const result = await setup.file.apply([putChange(target, 'perf')]);
    expect(result.written).toBe(true);
    const newSection = [`[${target}]`, ...managedLines('perf'), ''].join('\n');
    expect(await setup.read()).toBe(before.replace(oldSection, newSection));
  });
});
