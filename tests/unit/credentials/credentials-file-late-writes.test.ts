import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { managedSection, putChange, setupFiles } from './helpers/credentials-setup';
import {
  age,
  configureSet,
  mergedWithTheirTwoEdits,
  setupWithEditAt,
  theirTwoEdits,
} from './helpers/interleaved-edits';
import { useTempDirs } from './helpers/temp-dirs';

/**
 * The race that the check before the rename cannot see: an in-place writer
 * (`aws configure set`: open(path, 'w') truncates, then writes) that lands
 * after that check. One that opened the file before our rename writes into the
 * inode the rename unlinks; one that read the file before it rewrites our new
 * file with what it read. Neither edit, theirs or ours, may be lost.
 */

const tempDir = useTempDirs();
const USER = '[other]\nregion = us-east-1\n';

describe('CredentialsFile: in-place writes that land after the last check', () => {
  it.each([
    ['written just now (two reads)', false],
    ['left alone for an hour (one read and a stamp)', true],
  ])('merges `aws configure set` writing into the replaced inode, file %s', async (_, aged) => {
    const { setup, path, attempts } = await setupWithEditAt(
      await tempDir(),
      'afterCheck',
      `${USER}\n${managedSection('prod', 'old')}`,
      async (path) => {
        // Between our check and our rename: their writes reach the inode we are replacing.
        for (const args of theirTwoEdits('prod')) {
          expect(await configureSet(path, ...args)).toBe(0);
        }
      },
    );
    if (aged) await age(path);
    const result = await setup.file.apply([putChange('prod', 'new')]);
    expect(result).toEqual({ written: true, applied: ['prod'], rejected: [] });
    expect(attempts()).toBe(2);
    expect(await setup.read()).toBe(mergedWithTheirTwoEdits('prod', 'new'));
  });

  it('waits for a writer that truncated the replaced inode and stalls before writing', async () => {
    const { setup, path } = await setupWithEditAt(
      await tempDir(),
      'afterCheck',
      USER,
      async (path) => {
        const text = `${await readFile(path, 'utf8')}\n[cli-user]\nregion = eu-north-1\n`;
        const handle = await open(path, 'w'); // truncates the inode we are about to replace
        setTimeout(() => {
          void handle.write(text).then(() => handle.close());
        }, 300);
      },
    );
    await age(path);
    const result = await setup.file.apply([putChange('p')]);
    expect(result.written).toBe(true);
    expect(await setup.read()).toBe(
      `${USER}\n[cli-user]\nregion = eu-north-1\n\n${managedSection('p')}`,
    );
  });

  it('writes our keys back when a tool that read before our rename rewrites the new file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    let seen = '';
    let renames = 0;
    const setup = await setupFiles(
      dir,
      { credentials: USER },
      {
        afterCheck: async () => {
          if (renames === 0) seen = await readFile(path, 'utf8'); // their read
        },
        afterRename: async () => {
          // Their in-place write, after our rename: it lands on our new file.
          if (renames++ === 0) await writeFile(path, `${seen}\n[cli-user]\nregion = eu-north-1\n`);
        },
      },
    );
    await age(path);
    const result = await setup.file.apply([putChange('p')]);
    expect(result).toEqual({ written: true, applied: ['p'], rejected: [] });
    expect(renames).toBe(2);
    expect(await setup.read()).toBe(
      `${USER}\n[cli-user]\nregion = eu-north-1\n\n${managedSection('p')}`,
    );
  });

  it('writes back their profile and refuses ours when the late write made it long-term', async () => {
    const { setup, path } = await setupWithEditAt(
      await tempDir(),
      'afterCheck',
      USER,
      async (path) => {
        expect(await configureSet(path, 'p', 'aws_access_key_id', 'AKIALONGTERM')).toBe(0);
      },
    );
    await age(path);
    const result = await setup.file.apply([putChange('p')]);
    expect(result.rejected.map((r) => r.code)).toEqual(['refused-long-term-keys']);
    expect(result.written).toBe(true);
    expect(await setup.read()).toBe(`${USER}\n[p]\naws_access_key_id = AKIALONGTERM\n`);
  });
});
