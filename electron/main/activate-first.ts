import { explainView } from '../../shared/explain-error';
import type { RoleView, SessionState, Snapshot } from '../../shared/model';
import type { SessionEngine } from '../core/session/session-engine';

/** How long a verb waits for an activation another process carries out. */
const ACTIVATION_WAIT_MS = 60_000;

export type ActivatingEngine = Pick<SessionEngine, 'snapshot' | 'subscribe' | 'activate'>;

export function viewOf(snapshot: Snapshot, roleId: string): RoleView | undefined {
  return snapshot.roles.find((view) => view.role.id === roleId);
}

const LIVE: readonly SessionState[] = ['active', 'refreshing'];
/** Still on its way: a passive engine's view catches up when the refresher answers. */
const PENDING: readonly SessionState[] = ['inactive', 'activating'];

export function isLive(view: RoleView | undefined): boolean {
  return view !== undefined && LIVE.includes(view.state);
}

/**
 * Resolves with the role's view once its activation has an outcome: live,
 * failed, or waiting for the user (an MFA code, a sign-in). A wait for the
 * user goes on while the popup's prompt takes the code, so that the verb
 * carries on once the code is in.
 */
function settled(engine: ActivatingEngine, roleId: string): Promise<RoleView | undefined> {
  return new Promise((resolve) => {
    // Once under way, "inactive" means the user cancelled (the MFA prompt's
    // Cancel); before that it is a passive engine's view not caught up yet.
    let started = false;
    const check = (snapshot: Snapshot): boolean => {
      const view = viewOf(snapshot, roleId);
      const cancelled = started && view?.state === 'inactive';
      if (view && view.state !== 'inactive') started = true;
      const waiting = view && (PENDING.includes(view.state) || view.state === 'needs-mfa');
      if (waiting && !cancelled) return false;
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

function why(view: RoleView | undefined, roles: readonly RoleView[]): string {
  if (!view) return 'the role is gone';
  if (view.state === 'needs-mfa') return 'no MFA code was entered';
  if (view.state === 'inactive') return 'it was switched off';
  if (view.state === 'needs-sign-in') return 'it needs a sign-in';
  const explained = explainView(view, roles);
  if (explained) return explained.sentence;
  return PENDING.includes(view.state) ? 'the activation did not finish in time' : view.state;
}

/**
 * Verbs that need a live session ("Copy export", "Sign in") activate a role
 * without one first, through the normal MFA prompt if it needs a code; if that
 * fails, the failure (in words) is the answer and `what` did not happen.
 */
export async function activateFirst(
  engine: ActivatingEngine,
  roleId: string,
  what: string,
): Promise<void> {
  const before = viewOf(engine.snapshot(), roleId);
  if (isLive(before)) return;
  await engine.activate(roleId);
  const after = await settled(engine, roleId);
  if (isLive(after)) return;
  const label = after?.role.label ?? before?.role.label ?? 'the role';
  throw new Error(
    `${label} could not be activated, so ${what}: ${why(after, engine.snapshot().roles)}`,
  );
}
