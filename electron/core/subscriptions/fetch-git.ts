import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeFolderKeepingOwner } from '../fs/keep-owner';
import {
  SubscriptionFetchError,
  tooLarge,
  type FetchRequest,
  type FetchResult,
} from './fetch-types';

/** The file read from a subscribed repository when --path does not name one. */
export const DEFAULT_REPO_PATH = 'catalog.json';

/**
 * git's environment: never a prompt (a fetch runs unattended, and a prompt
 * would hang until the timeout), only the transports a subscription allows
 * (no `ext::` helpers), and ssh in batch mode unless the user set their own.
 */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    GIT_ALLOW_PROTOCOL: 'file:ssh:https:http',
    LC_ALL: 'C',
  };
  if (env.GIT_SSH_COMMAND === undefined && env.GIT_SSH === undefined) {
    env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  }
  return env;
}

/** Runs git (from PATH, never through a shell) with a deadline; stdout as bytes. */
function git(args: readonly string[], timeoutMs: number, maxBuffer: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { env: gitEnv(), timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer, encoding: 'buffer' },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          reject(new SubscriptionFetchError('git is not installed (no `git` on PATH)'));
          return;
        }
        if ((error as { killed?: boolean }).killed) {
          reject(
            new SubscriptionFetchError(
              `git ${args[0]} did not finish within ${timeoutMs / 1000} s`,
            ),
          );
          return;
        }
        const told = stderr
          .toString('utf8')
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '' && !line.startsWith('hint:'));
        const last = told.find((line) => /^(fatal|error):/.test(line)) ?? told[0] ?? error.message;
        reject(new SubscriptionFetchError(`git ${args[0]}: ${last.split('\n')[0]}`));
      },
    );
  });
}

/** The commit `ref` (or HEAD) names on the remote: a tag's peeled commit, else the branch or tag. */
function pickCommit(listing: string, ref: string | undefined): string | undefined {
  const lines = listing
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((parts): parts is [string, string] => parts.length === 2);
  const find = (name: string) => lines.find(([, refName]) => refName === name)?.[0];
  if (ref === undefined) return find('HEAD');
  return (
    find(`refs/tags/${ref}^{}`) ??
    find(`refs/heads/${ref}`) ??
    find(`refs/tags/${ref}`) ??
    (ref.startsWith('refs/') ? find(ref) : undefined)
  );
}

/**
 * A file from a git repository: `git ls-remote` says which commit the branch
 * or tag is at (the same commit as last time is "unchanged", with no fetch),
 * then a shallow fetch of just that ref into a bare repository under
 * <config folder>/subscriptions/<name>, and the file read from the fetched
 * commit with its size checked before it is read.
 */
export async function fetchGit(request: FetchRequest): Promise<FetchResult> {
  const { record, limits } = request;
  const timeout = limits.totalTimeoutMs;
  const small = 1024 * 1024;
  const listing = await git(
    ['ls-remote', '--', record.location, record.ref ?? 'HEAD'],
    timeout,
    small,
  );
  const remoteCommit = pickCommit(listing.toString('utf8'), record.ref);
  if (remoteCommit === undefined) {
    const what = record.ref === undefined ? 'no HEAD' : `no branch or tag ${record.ref}`;
    throw new SubscriptionFetchError(`git ls-remote: the remote has ${what}`);
  }
  if (remoteCommit === request.previous.commit) return { kind: 'unchanged' };
  const repo = join(request.dataDir, record.name);
  if (!existsSync(join(repo, 'HEAD'))) {
    await makeFolderKeepingOwner(repo, 0o700);
    await git(['init', '--bare', '--quiet', repo], timeout, small);
  }
  const gitDir = `--git-dir=${repo}`;
  await git(
    [
      gitDir,
      'fetch',
      '--quiet',
      '--depth=1',
      '--no-tags',
      '--',
      record.location,
      record.ref ?? 'HEAD',
    ],
    timeout,
    small,
  );
  const commit = (await git([gitDir, 'rev-parse', 'FETCH_HEAD^{commit}'], timeout, small))
    .toString('utf8')
    .trim();
  const object = `${commit}:${record.path ?? DEFAULT_REPO_PATH}`;
  const size = Number(
    (
      await git([gitDir, 'cat-file', '-s', object], timeout, small).catch(() => {
        throw new SubscriptionFetchError(
          `the repository has no file ${record.path ?? DEFAULT_REPO_PATH} at ${commit.slice(0, 12)}; check --path`,
        );
      })
    ).toString('utf8'),
  );
  if (!(size <= limits.maxBytes)) throw tooLarge(limits);
  const bytes = await git([gitDir, 'cat-file', 'blob', object], timeout, limits.maxBytes + 1);
  return { kind: 'fetched', bytes, commit };
}
