import { unsubscribe } from '../../../core/subscriptions/manage-subscriptions';
import { expectPositionals, parseCommandArgs } from '../../args';
import { describeRole } from '../roles/describe-role';
import { writeJson, writeLines } from '../roles/write-output';
import { activeRoleIds, withEngine, withSubscriptionDeps } from './subscription-context';

function roles(count: number): string {
  return count === 1 ? '1 role' : `${count} roles`;
}

/** `switchyard catalog unsubscribe <name> [--keep-roles] [--yes] [--json]`. */
export async function catalogUnsubscribeCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('catalog unsubscribe', argv, {
    'keep-roles': { type: 'boolean' },
    yes: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [name = ''] = expectPositionals('catalog unsubscribe', positionals, ['name']);
  const outcome = await withEngine((engine) =>
    withSubscriptionDeps(async (deps) => {
      const result = await unsubscribe(deps, name, {
        keepRoles: values['keep-roles'] === true,
        yes: values.yes === true,
        activeRoleIds: activeRoleIds(engine),
      });
      if (result.done) await engine.catalogChanged();
      return result;
    }),
  );
  if (values.json === true) {
    writeJson({
      name,
      done: outcome.done,
      removed: outcome.removed.map((r) => r.id),
      keptAsLocal: outcome.keptAsLocal.map((r) => r.id),
      activeAffected: outcome.activeAffected.map((r) => r.id),
    });
  } else if (!outcome.done) {
    process.stderr.write(
      `switchyard: ${name}: not unsubscribed: it would remove active roles ${outcome.activeAffected.map(describeRole).join(', ')}; run \`switchyard catalog unsubscribe ${name} --yes\` (or --keep-roles)\n`,
    );
  } else if (outcome.keptAsLocal.length > 0) {
    writeLines(`unsubscribed ${name}; kept its ${roles(outcome.keptAsLocal.length)} as local`);
  } else {
    writeLines(`unsubscribed ${name}; removed ${roles(outcome.removed.length)}`);
  }
  if (!outcome.done) process.exitCode = 1;
}
