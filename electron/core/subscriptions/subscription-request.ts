import { basename, extname, isAbsolute } from 'node:path';
import { inputError } from '../../../shared/check-text';
import type {
  SubscriptionAddRequest,
  SubscriptionSyncSummary,
} from '../../../shared/subscription-model';
import { guessSubscriptionKind, parseEvery } from '../catalog/check-subscription';
import { changeCounts } from './review-changes';
import type { SyncOutcome } from './sync-subscription';

/** A name from the source when none is given: the file or repository name, else the host. */
export function nameFromLocation(location: string): string {
  let base = location.replace(/\/+$/, '');
  try {
    const url = new URL(base);
    const path = url.pathname.replace(/\/+$/, '');
    base = path === '' ? (url.hostname.split('.')[0] ?? '') : path;
  } catch {
    // a file path or an scp-like git remote
  }
  base = basename(base.replace(/^.*:/, ''));
  base = base.slice(0, base.length - extname(base).length);
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+/, '')
    .slice(0, 64);
  return name === '' ? 'team' : name;
}

/**
 * The subscription record a request asks for (not yet checked: subscribe
 * does that). `resolvePath` makes a relative file path absolute (the CLI's
 * working folder); the tray takes absolute paths only.
 */
export function recordFromRequest(
  request: SubscriptionAddRequest,
  resolvePath?: (path: string) => string,
): Record<string, unknown> {
  const { source, ref, path, sha256, every } = request;
  const kind = guessSubscriptionKind(source, ref !== undefined || path !== undefined);
  let location = source;
  if (kind === 'file') {
    if (resolvePath) location = resolvePath(source);
    else if (!isAbsolute(source)) {
      throw inputError('source', 'is not a URL, git remote or absolute path', 'give one of those');
    }
  }
  return {
    name: request.name ?? nameFromLocation(source),
    kind,
    location,
    ...(ref !== undefined ? { ref } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(sha256 !== undefined ? { sha256 } : {}),
    ...(every !== undefined ? { everySeconds: parseEvery(every) } : {}),
  };
}

export function syncSummary(outcome: SyncOutcome): SubscriptionSyncSummary {
  const counts = outcome.plan ? changeCounts(outcome.plan) : { added: 0, changed: 0, removed: 0 };
  return {
    name: outcome.name,
    result: outcome.result,
    ...counts,
    heldBack: outcome.plan?.conflicts.length ?? 0,
    activeRoles: outcome.activeAffected.map((role) => role.label),
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
  };
}
