import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { subscribe } from '../../../electron/core/subscriptions/manage-subscriptions';
import {
  syncSubscription,
  type SubscriptionDeps,
} from '../../../electron/core/subscriptions/sync-subscription';
import { catalogExport, teamRole } from '../../support/catalog-server';

let root: string;
let remote: string;
let work: string;
let catalog: CatalogStore;
let deps: SubscriptionDeps & { catalog: CatalogStore };
const none = { activeRoleIds: new Set<string>() };
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Team',
  GIT_AUTHOR_EMAIL: 'team@example.com',
  GIT_COMMITTER_NAME: 'Team',
  GIT_COMMITTER_EMAIL: 'team@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: '',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...GIT_ENV, HOME: root } })
    .toString()
    .trim();
}

/** Commits `files` in the working clone and pushes them to the bare remote; returns the commit. */
function push(files: Record<string, string>, branch = 'main'): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(work, path, '..'), { recursive: true });
    writeFileSync(join(work, path), text);
  }
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'catalog');
  git(work, 'push', '-q', 'origin', `HEAD:${branch}`);
  return git(work, 'rev-parse', 'HEAD');
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'switchyard-git-subs-'));
  remote = join(root, 'team.git');
  work = join(root, 'work');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote], { env: GIT_ENV });
  execFileSync('git', ['init', '-q', '-b', 'main', work], { env: GIT_ENV });
  git(work, 'remote', 'add', 'origin', remote);
  const dir = join(root, 'config');
  catalog = CatalogStore.open({ dir });
  deps = { catalog, configDir: dir, now: () => 1_000 };
});
afterEach(() => {
  catalog.close();
  rmSync(root, { recursive: true, force: true });
});

const ids = (): string[] => catalog.list().map((role) => role.id);

describe('a git subscription (a bare repository on disk, file://)', () => {
  it('follows commits pushed between syncs, and fetches nothing while the branch stays put', async () => {
    const first = push({ 'teams/platform.json': catalogExport([teamRole('ops')]) });
    const url = pathToFileURL(remote).href;
    const outcome = await subscribe(deps, {
      name: 'platform',
      kind: 'git',
      location: url,
      ref: 'main',
      path: 'teams/platform.json',
    });
    expect(outcome.digest).toBe(first);
    expect(ids()).toEqual(['ops']);
    expect(existsSync(join(deps.configDir, 'subscriptions', 'platform', 'HEAD'))).toBe(true);

    const unchanged = await syncSubscription(deps, 'platform', none);
    expect(unchanged).toMatchObject({ result: 'applied', catalogChanged: false, digest: first });

    const second = push({
      'teams/platform.json': catalogExport([teamRole('ops'), teamRole('dba')]),
    });
    const next = await syncSubscription(deps, 'platform', none);
    expect(next).toMatchObject({ result: 'applied', catalogChanged: true, digest: second });
    expect(ids()).toEqual(['ops', 'dba']);
  });

  it('follows a tag given as --ref', async () => {
    push({ 'catalog.json': catalogExport([teamRole('ops')]) });
    git(work, 'tag', 'v1');
    git(work, 'push', '-q', 'origin', 'v1');
    push({ 'catalog.json': catalogExport([teamRole('later')]) });
    await subscribe(deps, {
      name: 'tagged',
      kind: 'git',
      location: pathToFileURL(remote).href,
      ref: 'v1',
    });
    expect(ids()).toEqual(['ops']);
  });

  it('refuses a commit other than the pinned one, showing both, and keeps the pinned roles', async () => {
    const pinned = push({ 'catalog.json': catalogExport([teamRole('ops')]) });
    const url = pathToFileURL(remote).href;
    await subscribe(deps, { name: 'pinned', kind: 'git', location: url, sha256: pinned });
    const moved = push({ 'catalog.json': catalogExport([teamRole('ops'), teamRole('evil')]) });
    const outcome = await syncSubscription(deps, 'pinned', none);
    expect(outcome.result).toBe('failed');
    expect(outcome.error).toContain(`pinned commit ${pinned}, fetched ${moved}`);
    expect(ids()).toEqual(['ops']);
  });

  it('says which file is missing, and which ref, in one line each', async () => {
    push({ 'other.json': catalogExport([]) });
    const url = pathToFileURL(remote).href;
    await expect(subscribe(deps, { name: 'a', kind: 'git', location: url })).rejects.toThrow(
      /the repository has no file catalog\.json at [0-9a-f]{12}; check --path$/,
    );
    await expect(
      subscribe(deps, { name: 'b', kind: 'git', location: url, ref: 'nope' }),
    ).rejects.toThrow(/the remote has no branch or tag nope$/);
    expect(catalog.subscriptions()).toEqual([]);
  });

  it('refuses remotes git would treat as options or helpers, before running git', async () => {
    for (const location of ['--upload-pack=touch /tmp/x', 'ext::sh -c touch% /tmp/x']) {
      await expect(subscribe(deps, { name: 'x', kind: 'git', location })).rejects.toThrow(
        /is not a git remote Switchyard fetches/,
      );
    }
  });
});
