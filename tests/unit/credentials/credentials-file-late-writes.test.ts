import { open, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChild } from './helpers/children';
import { managedLines, managedSection, putChange, setupFiles } from './helpers/credentials-setup';
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

async function age(path: string): Promise<void> {
  const then = new Date(Date.now() - 3_600_000);
  await utimes(path, then, then);
}

describe('CredentialsFile: in-place writes that land after the last check', () => {
  it.each([
    ['written just now (two reads)', false],
    ['left alone for an hour (one read and a stamp)', true],
  ])('merges `aws configure set` writing into the replaced inode, file %s', async (_, aged) => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    let calls = 0;
    const setup = await setupFiles(
      dir,
      { credentials: `${USER}\n${managedSection('prod', 'old')}` },
      {
        afterCheck: async () => {
          if (calls++ > 0) return;
          // Between our check and our rename: their writes reach the inode we are replacing.
          for (const args of [
            ['prod', 'region', 'eu-west-1'],
            ['cli-user', 'aws_access_key_id', 'AKIACLIUSER'],
          ]) {
            expect((await runChild('configure-set.mjs', [path, ...args])).code).toBe(0);
          }
        },
      },
    );
    if (aged) await age(path);
    const result = await setup.file.apply([putChange('prod', 'new')]);
    expect(result).toEqual({ written: true, applied: ['prod'], rejected: [] });
    expect(calls).toBe(2);
    expect(await setup.read()).toBe(
      [
        '[other]',
        'region = us-east-1',
        '',
        '[prod]',
        'region = eu-west-1',
        ...managedLines('new'),
        '',
        '[cli-user]',
        'aws_access_key_id = AKIACLIUSER',
        '',
      ].join('\n'),
    );
  });

  it('waits for a writer that truncated the replaced inode and stalls before writing', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    let calls = 0;
    const setup = await setupFiles(
      dir,
      { credentials: USER },
      {
        afterCheck: async () => {
          if (calls++ > 0) return;
          const text = `${await readFile(path, 'utf8')}\n[cli-user]\nregion = eu-north-1\n`;
          const handle = await open(path, 'w'); // truncates the inode we are about to replace
          setTimeout(() => {
            void handle.write(text).then(() => handle.close());
          }, 300);
        },
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
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    let calls = 0;
    const setup = await setupFiles(
      dir,
      { credentials: USER },
      {
        afterCheck: async () => {
          if (calls++ > 0) return;
          const args = [path, 'p', 'aws_access_key_id', 'AKIALONGTERM'];
          expect((await runChild('configure-set.mjs', args)).code).toBe(0);
        },
      },
    );
    await age(path);
    const result = await setup.file.apply([putChange('p')]);
    expect(result.rejected.map((r) => r.code)).toEqual(['refused-long-term-keys']);
    expect(result.written).toBe(true);
    expect(await setup.read()).toBe(`${USER}\n[p]\naws_access_key_id = AKIALONGTERM\n`);
  });
});
