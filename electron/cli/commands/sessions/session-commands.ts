import { InputError } from '../../../../shared/input-error';
import type { RoleView } from '../../../../shared/model';
import { RoleIndex } from '../../../core/catalog/find-role';
import type { StateAction } from '../../../core/refresh/state-model';
import type { SessionManager } from '../../../core/session/session-manager';
import { parseCommandArgs, optionalString } from '../../args';
import { credentialProcessJson } from '../../credential-process-json';
import { readMfaCode } from '../../read-mfa-code';
import { askRefresher, openCliEngine } from './engine';
import { errorSentence, statusRecord, statusTable } from './status-table';

async function withEngine<T>(run: (engine: SessionManager) => Promise<T>): Promise<T> {
  const engine = await openCliEngine();
  try {
    return await run(engine);
  } finally {
    await engine.stop();
  }
}

function viewsOf(engine: SessionManager, roleIds: readonly string[]): RoleView[] {
  const snapshot = engine.snapshot();
  return roleIds.map((id) => snapshot.roles.find((r) => r.role.id === id)!).filter(Boolean);
}

/**
 * Resolves ids or labels up front so a typo fails before anything happens, with
 * the catalog's own rules: an id wins, labels match ignoring case, Unicode form
 * and edge spaces, and a label several roles share is refused with their ids.
 */
function resolveRoles(engine: SessionManager, names: readonly string[], command: string): string[] {
  if (names.length === 0) {
    throw new InputError('arguments', `missing <id|label>; run \`switchyard ${command} --help\``);
  }
  const index = new RoleIndex(engine.snapshot().roles.map((view) => view.role));
  return names.map((name) => {
    const found = index.find(name);
    if (!found) {
      throw new InputError(
        'role',
        `no role with id or label ${JSON.stringify(name)}; see \`switchyard roles list\``,
      );
    }
    return found.id;
  });
}

/** Who refreshes sessions; null when no process does (none runs, or the last one died). */
function refresherOf(engine: SessionManager): string | null {
  if (engine.mode === 'oneshot') return null;
  return engine.snapshot().refresher.heldBy ?? 'another process';
}

/** `noRefresherLine`: status says in the table when nothing refreshes; the actions say it on stderr. */
function print(
  views: readonly RoleView[],
  json: boolean,
  engine: SessionManager,
  noRefresherLine = false,
): void {
  const now = Date.now();
  const refresher = refresherOf(engine);
  if (json) {
    process.stdout.write(`${JSON.stringify(views.map((v) => statusRecord(v, now, refresher)))}\n`);
  } else {
    const footer = refresher === null && !noRefresherLine ? undefined : refresher;
    process.stdout.write(statusTable(views, footer, now));
  }
}

/** Exit 1 when any role ended in error or waits for the user. */
function failIfUnhealthy(views: readonly RoleView[]): void {
  const bad = views.find(
    (v) =>
      v.state === 'error' ||
      v.state === 'needs-mfa' ||
      v.state === 'needs-sign-in' ||
      v.state === 'expired',
  );
  if (!bad) return;
  const why =
    bad.state === 'needs-mfa'
      ? `needs an MFA code: rerun \`switchyard activate ${bad.role.id}\` and type the code at the prompt, or pipe it on stdin`
      : bad.state === 'needs-sign-in' && bad.role.source.kind === 'sso'
        ? `needs a sign-in to ${bad.role.source.session} (${bad.error?.message ?? 'no token'}): run \`switchyard sso login --session ${bad.role.source.session}\``
        : errorSentence(bad, views) || bad.state;
  const error = new Error(`${bad.role.label}: ${why}`);
  throw error;
}

async function act(action: StateAction, command: string, argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(command, argv, {
    json: { type: 'boolean' },
    all: { type: 'boolean' },
    ...(action === 'activate' ? { 'mfa-code': { type: 'string' } } : {}),
  });
  const json = values.json === true;
  const mfaCode = optionalString(values, 'mfa-code');
  await withEngine(async (engine) => {
    const all = action === 'refresh' && values.all === true;
    if (all && positionals.length > 0) {
      throw new InputError('--all', 'give either --all or role names, not both');
    }
    const roleIds =
      all || (action === 'refresh' && positionals.length === 0)
        ? engine
            .snapshot()
            .roles.filter((r) => r.state !== 'inactive')
            .map((r) => r.role.id)
        : resolveRoles(engine, positionals, command);

    if (engine.mode === 'passive') {
      // The code goes to the refresher sealed to its key, never in clear on disk.
      let results = await askRefresher(engine, action, roleIds, mfaCode);
      // The refresher found a role waiting for a code and none was given: ask
      // for it here (prompt or piped stdin) and send it, sealed, once.
      const waiting = viewsOf(engine, roleIds).find((v) => v.state === 'needs-mfa');
      if (action === 'activate' && mfaCode === undefined && waiting) {
        const code = await readMfaCode(waiting.role.mfaSerial ?? waiting.role.label);
        results = await askRefresher(engine, action, roleIds, code);
      }
      const failed = results.find((r) => !r.ok);
      const snapshot = engine.snapshot();
      print(
        viewsOf(engine, roleIds).length ? viewsOf(engine, roleIds) : snapshot.roles,
        json,
        engine,
      );
      // A role that failed says why in words; the refresher's own answer otherwise
      // (an MFA code it could not use says so more precisely than the role's state).
      const views = viewsOf(engine, roleIds);
      const broken = failed && views.find((v) => v.state === 'error' && v.error);
      if (broken) throw new Error(`${broken.role.label}: ${errorSentence(broken, views)}`);
      if (failed) throw new Error(failed.message ?? `${action} failed`);
      return;
    }

    if (action === 'activate') {
      // Every role (and the roles they chain from) in one round: one credentials-file write.
      await engine.activateAll(roleIds);
    } else {
      for (const id of roleIds) {
        if (action === 'deactivate') await engine.deactivate(id);
        else await engine.refresh(id);
      }
    }
    if (mfaCode !== undefined) {
      for (const prompt of engine.snapshot().mfaPrompts)
        await engine.submitMfaCode(prompt.sourceKey, mfaCode);
    } else if (action === 'activate') {
      // No --mfa-code: ask for each device these roles wait on (or read it from stdin).
      for (const prompt of engine.snapshot().mfaPrompts) {
        if (!prompt.waitingRoleIds.some((id) => roleIds.includes(id))) continue;
        await engine.submitMfaCode(prompt.sourceKey, await readMfaCode(prompt.mfaSerial));
      }
    }
    await engine.idle();
    const views = viewsOf(engine, roleIds);
    print(views, json, engine);
    if (action !== 'deactivate' && !json) {
      process.stderr.write(
        'switchyard: note: no refresher is running, so these sessions will not be renewed; keep `switchyard daemon` (or the tray app) running\n',
      );
    }
    failIfUnhealthy(views);
  });
}

export const activateCommand = (argv: readonly string[]) => act('activate', 'activate', argv);
export const deactivateCommand = (argv: readonly string[]) => act('deactivate', 'deactivate', argv);
export const refreshCommand = (argv: readonly string[]) => act('refresh', 'refresh', argv);

export async function statusCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('status', argv, { json: { type: 'boolean' } });
  if (positionals.length > 0) {
    throw new InputError(
      'arguments',
      `unexpected argument ${JSON.stringify(positionals[0])}; run \`switchyard status --help\``,
    );
  }
  await withEngine(async (engine) => {
    print(engine.snapshot().roles, values.json === true, engine, true);
  });
}

export async function credentialProcessCommand(argv: readonly string[]): Promise<void> {
  const { positionals } = parseCommandArgs('credential-process', argv, {});
  if (positionals.length !== 1) {
    throw new InputError('arguments', 'credential-process takes exactly one <id|label>');
  }
  await withEngine(async (engine) => {
    const [roleId] = resolveRoles(engine, positionals, 'credential-process');
    const credentials = await engine.issueCredentials(roleId!);
    process.stdout.write(credentialProcessJson(credentials));
  });
}
