/**
 * Another program editing the credentials file while a CredentialsFile writes
 * it: the setup that the in-place-writer tests share, so each test keeps only
 * the edit it makes and what it expects.
 */
import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { runChild } from './children';
import { managedLines, setupFiles, type CredentialsSetup } from './credentials-setup';

/** Sets the file's mtime `ms` in the past (0: leave it as just written). */
export async function age(path: string, ms = 3_600_000): Promise<void> {
  if (ms === 0) return;
  const then = new Date(Date.now() - ms);
  await utimes(path, then, then);
}

export interface InterleavedSetup {
  readonly setup: CredentialsSetup;
  /** The credentials file. */
  readonly path: string;
  /** How many write attempts reached the hook (the edit ran on the first only). */
  attempts(): number;
}

/**
 * The credentials file in `dir` (holding `credentials`, if given), whose writer
 * runs `edit` at `hook` of its first attempt only: after its last check of the
 * file, or just before its rename.
 */
export async function setupWithEditAt(
  dir: string,
  hook: 'afterCheck' | 'beforeRename',
  credentials: string | undefined,
  edit: (path: string) => Promise<void>,
): Promise<InterleavedSetup> {
  const path = join(dir, 'credentials');
  let calls = 0;
  const setup = await setupFiles(dir, credentials === undefined ? {} : { credentials }, {
    [hook]: async () => {
      if (calls++ > 0) return;
      await edit(path);
    },
  });
  return { setup, path, attempts: () => calls };
}

/** `aws configure set` as its own process does it (open 'w', truncate, write); its exit code. */
export async function configureSet(
  path: string,
  profile: string,
  key: string,
  value: string,
): Promise<number | null> {
  return (await runChild('configure-set.mjs', [path, profile, key, value])).code;
}

/** Two `aws configure set` edits: a region on our profile, and a profile of their own. */
export function theirTwoEdits(profile: string): [string, string, string][] {
  return [
    [profile, 'region', 'eu-west-1'],
    ['cli-user', 'aws_access_key_id', 'AKIACLIUSER'],
  ];
}

/** The file after theirTwoEdits(profile) and our put of `tag`, from `[other]` and our old section. */
export function mergedWithTheirTwoEdits(profile: string, tag: string): string {
  return [
    '[other]',
    'region = us-east-1',
    '',
    `[${profile}]`,
    'region = eu-west-1',
    ...managedLines(tag),
    '',
    '[cli-user]',
    'aws_access_key_id = AKIACLIUSER',
    '',
  ].join('\n');
}
