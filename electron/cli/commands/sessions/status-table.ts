import type { RoleView, Snapshot } from '../../../../shared/model';
import { expiryText } from '../../expiry-text';

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One JSON-ready record per role: what `status --json` prints. No secrets exist here to leak. */
export function statusRecord(view: RoleView, now: number): Record<string, unknown> {
  return {
    id: view.role.id,
    label: view.role.label,
    profile: view.role.profile,
    roleArn: view.role.roleArn,
    state: view.state,
    isDefault: view.isDefault,
    chained: view.chained,
    ...(view.expiresAt !== undefined
      ? {
          expiration: isoSeconds(view.expiresAt),
          expiresInSeconds: Math.max(0, Math.floor((view.expiresAt - now) / 1000)),
        }
      : {}),
    ...(view.error
      ? { error: { kind: view.error.kind, code: view.error.code, message: view.error.message } }
      : {}),
  };
}

function expires(view: RoleView, now: number): string {
  if (view.expiresAt === undefined || view.state === 'inactive') return '-';
  return expiryText(view.expiresAt - now);
}

/** An aligned table: label, profile, state, expiry ("in 42m" or "expired"), and the error, if any. */
export function statusTable(views: readonly RoleView[], snapshot: Snapshot, now: number): string {
  const rows = views.map((v) => [
    `${v.role.label}${v.isDefault ? ' *' : ''}`,
    v.role.profile,
    v.state,
    expires(v, now),
    v.error ? v.error.message : '',
  ]);
  const header = ['ROLE', 'PROFILE', 'STATE', 'EXPIRES', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = [line(header), ...rows.map(line)];
  if (!snapshot.refresher.active && snapshot.refresher.heldBy) {
    lines.push('', `refreshed by ${snapshot.refresher.heldBy}`);
  }
  return `${lines.join('\n')}\n`;
}
