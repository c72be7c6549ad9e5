import { basename, extname, resolve } from 'node:path';
import { guessSubscriptionKind, parseEvery } from '../../../core/catalog/check-subscription';
import { subscribe } from '../../../core/subscriptions/manage-subscriptions';
import { expectPositionals, optionalString, parseCommandArgs } from '../../args';
import { writeJson, writeLines } from '../roles/write-output';
import { withSubscriptionDeps } from './subscription-context';
import { syncRecord, syncRows, syncSummary } from './sync-report';

/** A name from the source when --name is not given: the file or repository name, else the host. */
export function nameFromLocation(location: string): string {
  let base = location.replace(/\/+$/, '');
  try {
    const url = new URL(base);
    const path = url.pathname.replace(/\/+$/, '');
    base = path === '' ? url.hostname.split('.')[0]! : path;
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

/** `switchyard catalog subscribe <https-url | file | git-remote> [options]`. */
export async function catalogSubscribeCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('catalog subscribe', argv, {
    name: { type: 'string' },
    ref: { type: 'string' },
    path: { type: 'string' },
    sha256: { type: 'string' },
    every: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [source = ''] = expectPositionals('catalog subscribe', positionals, ['source']);
  const ref = optionalString(values, 'ref');
  const path = optionalString(values, 'path');
  const kind = guessSubscriptionKind(source, ref !== undefined || path !== undefined);
  const every = optionalString(values, 'every');
  const sha256 = optionalString(values, 'sha256');
  const record = {
    name: optionalString(values, 'name') ?? nameFromLocation(source),
    kind,
    location: kind === 'file' ? resolve(source) : source,
    ...(ref !== undefined ? { ref } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(sha256 !== undefined ? { sha256 } : {}),
    ...(every !== undefined ? { everySeconds: parseEvery(every) } : {}),
  };
  const outcome = await withSubscriptionDeps((deps) => subscribe(deps, record));
  if (values.json === true) {
    writeJson({ subscription: record.name, kind, ...syncRecord(outcome) });
    return;
  }
  process.stdout.write(syncRows(outcome));
  writeLines(`subscribed to ${record.location} as ${record.name} (${kind})`, syncSummary(outcome));
}
