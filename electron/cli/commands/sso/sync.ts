import type { RoleEntry } from '../../../../shared/model';
import { systemClock } from '../../../core/refresh/clock';
import { SsoTokenKeeper } from '../../../core/sso/sso-token-keeper';
import { configProfileNames, syncSession, type SyncOutcome } from '../../../core/sso/sso-sync';
import { expectPositionals, optionalString, parseCommandArgs } from '../../args';
import { currentRoles, withCatalog } from '../roles/catalog-access';
import { chooseSession, describeSession, ssoCa, ssoPaths } from './choose-session';

/** `switchyard sso sync [--session NAME] [--dry-run] [--json]`: the session's accounts and roles into the catalog. */
export async function ssoSyncCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('sso sync', argv, {
    session: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  expectPositionals('sso sync', positionals, []);
  const { configPath, homeDir } = ssoPaths();
  const session = await chooseSession(configPath, optionalString(values, 'session'), 'sync');
  const ca = await ssoCa();
  const clock = systemClock();
  const keeper = new SsoTokenKeeper({
    configPath,
    homeDir,
    now: () => clock.now(),
    ca: async () => ca,
  });
  const dryRun = values['dry-run'] === true;
  const common = {
    keeper,
    session: session.name,
    now: clock.now(),
    takenProfiles: await configProfileNames(configPath),
    ...(ca ? { ca } : {}),
  };
  const outcome = dryRun
    ? await syncSession({ ...common, roles: currentRoles })
    : await withCatalog((catalog) =>
        syncSession({ ...common, roles: () => catalog.list(), catalog }),
      );
  if (values.json === true) {
    process.stdout.write(`${JSON.stringify(jsonOf(session.name, outcome, dryRun))}\n`);
    return;
  }
  process.stdout.write(textOf(outcome, dryRun));
  process.stderr.write(
    `${dryRun ? 'Would sync' : 'Synced'} ${describeSession(session)}: ${outcome.assignments} role assignment${outcome.assignments === 1 ? '' : 's'} found; ${summary(outcome)}.\n`,
  );
}

function summary(outcome: SyncOutcome): string {
  const { plan } = outcome;
  return `${plan.add.length} added, ${plan.update.length} updated, ${plan.gone.length} no longer granted, ${plan.unchanged} unchanged`;
}

function textOf(outcome: SyncOutcome, dryRun: boolean): string {
  const lines: string[] = [];
  const verb = (done: string, would: string): string => (dryRun ? would : done);
  for (const role of outcome.plan.add) lines.push(`${verb('added', 'would add')}    ${line(role)}`);
  for (const { after } of outcome.plan.update)
    lines.push(`${verb('updated', 'would update')}  ${line(after)}`);
  for (const { after } of outcome.plan.gone)
    lines.push(`${verb('marked', 'would mark')}   ${line(after)} (no longer granted; kept)`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function line(role: RoleEntry): string {
  return `${role.id}  ${role.label}  -> [${role.profile}]`;
}

function jsonOf(session: string, outcome: SyncOutcome, dryRun: boolean): Record<string, unknown> {
  return {
    session,
    dryRun,
    assignments: outcome.assignments,
    added: outcome.plan.add,
    updated: outcome.plan.update.map((u) => u.after),
    gone: outcome.plan.gone.map((g) => g.after),
    unchanged: outcome.plan.unchanged,
  };
}
