import type { RoleView, SessionState, Snapshot } from '../../shared/model';
import type { SessionEngine } from '../core/session/session-engine';
import { profileExportLine, terminalEnvLine } from './profile-export-line';

/** How long "Copy export" waits for an activation another process carries out. */
const ACTIVATION_WAIT_MS = 60_000;

function viewOf(snapshot: Snapshot, roleId: string): RoleView | undefined {
  return snapshot.roles.find((view) => view.role.id === roleId);
}

const LIVE: readonly SessionState[] = ['active', 'refreshing'];
/** Still on its way: a passive engine's view catches up when the refresher answers. */
const PENDING: readonly SessionState[] = ['inactive', 'activating'];

/** Resolves with the role's view once its activation has an outcome (live or failed). */
function settled(engine: SessionEngine, roleId: string): Promise<RoleView | undefined> {
  return new Promise((resolve) => {
    const check = (snapshot: Snapshot): boolean => {
      const view = viewOf(snapshot, roleId);
      if (view && PENDING.includes(view.state)) return false;
      clearTimeout(timer);
      unsubscribe?.();
      resolve(view);
      return true;
    };
    const timer = setTimeout(() => {
      unsubscribe?.();
      resolve(viewOf(engine.snapshot(), roleId));
    }, ACTIVATION_WAIT_MS);
    let unsubscribe: (() => void) | undefined;
    if (!check(engine.snapshot())) unsubscribe = engine.subscribe((s) => void check(s));
  });
}

function why(view: RoleView | undefined): string {
  if (!view) return 'the role is gone';
  if (view.state === 'needs-mfa') return 'it needs an MFA code';
  if (view.state === 'needs-sign-in') return 'it needs a sign-in';
  if (view.error?.message) return view.error.message;
  return PENDING.includes(view.state) ? 'the activation did not finish in time' : view.state;
}

/**
 * "Copy export": `export AWS_PROFILE=…` is only worth copying when the profile
 * holds a live session, so a role without one is activated first; if that
 * fails, the failure is the answer and nothing is copied.
 */
export async function profileExportText(
  engine: SessionEngine,
  roleId: string,
  platform: NodeJS.Platform,
): Promise<string> {
  const before = viewOf(engine.snapshot(), roleId);
  if (!before || !LIVE.includes(before.state)) {
    await engine.activate(roleId);
    const after = await settled(engine, roleId);
    if (!after || !LIVE.includes(after.state)) {
      const label = after?.role.label ?? before?.role.label ?? roleId;
      throw new Error(`${label} could not be activated, so nothing was copied: ${why(after)}`);
    }
  }
  return profileExportLine(engine.profileOf(roleId), platform);
}

/** Whether `switchyard env <label>` would find exactly this role (labels match ignoring case). */
function labelIsUnique(snapshot: Snapshot, view: RoleView): boolean {
  const key = (label: string): string => label.trim().normalize('NFC').toLowerCase();
  const mine = key(view.role.label);
  return (
    snapshot.roles.filter(
      (other) => key(other.role.label) === mine || other.role.id === view.role.label,
    ).length === 1
  );
}

/**
 * "Copy for terminal": the `switchyard env` line for the role, by label
 * (readable) unless another role shares it, then by id. Activates nothing.
 */
export function terminalEnvText(
  engine: SessionEngine,
  roleId: string,
  platform: NodeJS.Platform,
): string {
  const snapshot = engine.snapshot();
  const view = viewOf(snapshot, roleId);
  if (!view) throw new Error(`no role with id ${JSON.stringify(roleId)}`);
  return terminalEnvLine(labelIsUnique(snapshot, view) ? view.role.label : roleId, platform);
}
