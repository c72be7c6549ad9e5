import { InputError } from '../../../../shared/input-error';
import { syncSubscription, type SyncOutcome } from '../../../core/subscriptions/sync-subscription';
import { expectPositionals, optionalString, parseCommandArgs } from '../../args';
import { writeJson } from '../roles/write-output';
import { activeRoleIds, withEngine, withSubscriptionDeps } from './subscription-context';
import { syncRecord, syncRows, syncSummary } from './sync-report';

/**
 * `switchyard catalog sync [--name N] [--dry-run] [--yes] [--json]`: every
 * subscription (or one), in the order they were added. Exit 1 when any
 * failed or waits for review (nothing of that one was applied).
 */
export async function catalogSyncCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('catalog sync', argv, {
    name: { type: 'string' },
    'dry-run': { type: 'boolean' },
    yes: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  expectPositionals('catalog sync', positionals, []);
  const only = optionalString(values, 'name');
  const outcomes = await withEngine((engine) =>
    withSubscriptionDeps(async (deps) => {
      const names = only !== undefined ? [only] : deps.catalog.subscriptions().map((r) => r.name);
      if (names.length === 0) {
        throw new InputError(
          'subscription',
          'there are no subscriptions; add one with `switchyard catalog subscribe <source>`',
        );
      }
      const results: SyncOutcome[] = [];
      for (const name of names) {
        const outcome = await syncSubscription(deps, name, {
          activeRoleIds: activeRoleIds(engine),
          dryRun: values['dry-run'] === true,
          yes: values.yes === true,
        });
        // The engine's catalog path removes or moves the profiles of changed roles.
        if (outcome.catalogChanged) await engine.catalogChanged();
        results.push(outcome);
      }
      return results;
    }),
  );
  if (values.json === true) writeJson(outcomes.map(syncRecord));
  else {
    for (const outcome of outcomes) {
      process.stdout.write(syncRows(outcome));
      const line = syncSummary(outcome);
      if (outcome.result === 'failed' || outcome.result === 'review') {
        process.stderr.write(`switchyard: ${line}\n`);
      } else process.stdout.write(`${line}\n`);
    }
  }
  if (outcomes.some((o) => o.result === 'failed' || o.result === 'review')) process.exitCode = 1;
}
