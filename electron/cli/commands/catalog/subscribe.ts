import { resolve } from 'node:path';
import type { SubscriptionAddRequest } from '../../../../shared/subscription-model';
import { recordFromRequest } from '../../../core/subscriptions/subscription-request';
import { subscribe } from '../../../core/subscriptions/manage-subscriptions';
import { expectPositionals, optionalString, parseCommandArgs } from '../../args';
import { writeJson, writeLines } from '../roles/write-output';
import { withSubscriptionDeps } from './subscription-context';
import { syncRecord, syncRows, syncSummary } from './sync-report';

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
  const request: Record<string, string> = { source };
  for (const option of ['name', 'ref', 'path', 'sha256', 'every']) {
    const value = optionalString(values, option);
    if (value !== undefined) request[option] = value;
  }
  const record = recordFromRequest(request as unknown as SubscriptionAddRequest, (p) => resolve(p));
  const kind = String(record.kind);
  const outcome = await withSubscriptionDeps((deps) => subscribe(deps, record));
  if (values.json === true) {
    writeJson({ subscription: String(record.name), kind, ...syncRecord(outcome) });
    return;
  }
  process.stdout.write(syncRows(outcome));
  writeLines(
    `subscribed to ${String(record.location)} as ${String(record.name)} (${kind})`,
    syncSummary(outcome),
  );
}
