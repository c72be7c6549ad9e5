import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/** Fresh folders under os.tmpdir(), removed after each test (even read-only ones). */
export function useTempDirs(): () => Promise<string> {
  const created: string[] = [];
  afterEach(async () => {
    for (const dir of created.splice(0)) {
      await chmod(dir, 0o700).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-credentials-'));
    created.push(dir);
    return dir;
  };
}

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/credentials/', import.meta.url));

export async function fixtureNames(): Promise<string[]> {
  return (await readdir(FIXTURES)).filter((name) => name.endsWith('.ini')).sort();
}

export async function readFixture(name: string): Promise<Buffer> {
  return readFile(join(FIXTURES, name));
}

/** Fixtures that are valid UTF-8 (the others exist to be refused). */
export async function textFixtures(): Promise<[string, string][]> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const result: [string, string][] = [];
  for (const name of await fixtureNames()) {
    try {
      result.push([name, decoder.decode(await readFixture(name))]);
    } catch {
      // not-utf8.ini, utf16.ini
    }
  }
  return result;
}
