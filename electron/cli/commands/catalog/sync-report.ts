import type { SyncOutcome } from '../../../core/subscriptions/sync-subscription';
import { changeCounts, describeCounts } from '../../../core/subscriptions/review-changes';
import { describeRole } from '../roles/describe-role';
import { formatTable } from '../roles/text-table';

/** The rows of what a sync did (or would do), then the held-back roles. */
export function syncRows(outcome: SyncOutcome): string {
  const plan = outcome.plan;
  if (!plan) return '';
  const rows = [
    ...plan.added.map((role) => ['add', describeRole(role), `→ profile ${role.profile}`]),
    ...plan.changed.map(({ after }) => [
      'change',
      describeRole(after),
      `→ profile ${after.profile}`,
    ]),
    ...plan.removed.map((role) => ['remove', describeRole(role), `profile ${role.profile}`]),
    ...plan.kept.map((held) => ['keep', `"${held.label}" (id ${held.id})`, held.reason]),
    ...plan.conflicts.map((held) => ['held back', `"${held.label}" (id ${held.id})`, held.reason]),
  ];
  return rows.length > 0 ? formatTable(rows) : '';
}

/** One summary line per subscription. */
export function syncSummary(outcome: SyncOutcome): string {
  const { name, plan } = outcome;
  if (outcome.result === 'failed') {
    return `${name}: sync failed, the last good copy stays in use: ${outcome.error ?? ''}`;
  }
  if (!plan) return `${name}: nothing to do`;
  const counts = `${describeCounts(changeCounts(plan))}, ${plan.unchanged} unchanged`;
  const held = plan.conflicts.length > 0 ? `, ${plan.conflicts.length} held back` : '';
  const named = outcome.accountsNamed ?? 0;
  const names = named > 0 ? `, ${named} account name${named === 1 ? '' : 's'}` : '';
  switch (outcome.result) {
    case 'dry-run':
      return `${name}: dry run: would be ${counts}${held}${names}; nothing was written`;
    case 'review':
      return `${name}: ${counts}${held}${names}; NOT applied: it removes or changes active roles ${outcome.activeAffected.map((r) => describeRole(r)).join(', ')}; run \`switchyard catalog sync --name ${name} --yes\` to apply`;
    default:
      return `${name}: ${counts}${held}${names}`;
  }
}

/** The --json record of one outcome. */
export function syncRecord(outcome: SyncOutcome): Record<string, unknown> {
  const plan = outcome.plan;
  return {
    name: outcome.name,
    result: outcome.result,
    ...(outcome.digest !== undefined ? { digest: outcome.digest } : {}),
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    ...(plan
      ? {
          added: plan.added,
          changed: plan.changed.map((c) => c.after),
          removed: plan.removed,
          kept: plan.kept,
          conflicts: plan.conflicts,
          unchanged: plan.unchanged,
          accountsNamed: outcome.accountsNamed ?? 0,
        }
      : {}),
    activeAffected: outcome.activeAffected.map((role) => role.id),
  };
}
