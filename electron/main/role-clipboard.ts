import type { RoleView, Snapshot } from '../../shared/model';
import type { SessionEngine } from '../core/session/session-engine';
import { activateFirst, viewOf } from './activate-first';
import { profileExportLine, terminalEnvLine } from './profile-export-line';

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
  await activateFirst(engine, roleId, 'nothing was copied');
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
