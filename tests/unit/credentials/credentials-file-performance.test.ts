import { describe, expect, it } from 'vitest';
import { applyProfileEdits } from '../../../electron/core/credentials/ini-edit';
import { generateProfiles } from './helpers/generate-profiles';
import { managedLines, putChange, setupFiles } from './helpers/credentials-setup';
import { useTempDirs } from './helpers/temp-dirs';

const tempDir = useTempDirs();

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

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

  it('gets a one-profile edit in a few ms of CPU, changing only that profile', async () => {
    const edit = {
      kind: 'put' as const,
      profile: target,
      values: [['aws_access_key_id', 'ASIANEW'] as [string, string]],
    };
    applyProfileEdits(input, [edit]); // warm up the JIT
    const runs = 5;
    const started = process.cpuUsage();
    for (let i = 0; i < runs; i++) applyProfileEdits(input, [edit]);
    const perEdit = cpuMs(started) / runs;
    // About 4 ms here: linear work on ~35,000 lines (a quadratic join would take seconds).
    expect(perEdit).toBeLessThan(25);

    const setup = await setupFiles(await tempDir(), { credentials: input });
    await setup.file.apply([putChange('warm-up')]);
    const before = await setup.read();
    const applyStarted = process.cpuUsage();
    const result = await setup.file.apply([putChange(target, 'perf')]);
    const applyCpu = cpuMs(applyStarted);
    expect(result.written).toBe(true);
    // About 13 ms here, I/O included: four reads of 1 MB, decode, parse, edit, encode, fsync.
    expect(applyCpu).toBeLessThan(100);
    const newSection = [`[${target}]`, ...managedLines('perf'), ''].join('\n');
    expect(await setup.read()).toBe(before.replace(oldSection, newSection));
  });
});
