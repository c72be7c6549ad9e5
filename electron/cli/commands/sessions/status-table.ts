import { explainView } from '../../../../shared/explain-error';
import type { RenewalView, RoleView } from '../../../../shared/model';
import { renewalText } from '../../../../shared/renewal-text';
import { expiryText } from '../../expiry-text';

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `renewal` in --json: renews, or lapses at an ISO time and why (as the tray shows it). */
function renewalRecord(renewal: RenewalView): Record<string, unknown> {
  return renewal.kind === 'renews'
    ? { kind: 'renews' }
    : { kind: 'lapses', at: isoSeconds(renewal.at), reason: renewal.reason };
}

/** A failed role's error as the tray says it: what went wrong, then how to fix it, one line. */
export function errorSentence(view: RoleView, roles: readonly RoleView[]): string {
  const explained = explainView(view, roles);
  if (!explained) return '';
  return explained.fix ? `${explained.sentence} ${explained.fix}` : explained.sentence;
}

/** One JSON-ready record per role: what `status --json` prints. No secrets exist here to leak. */
export function statusRecord(
  view: RoleView,
  now: number,
  refresher: string | null,
): Record<string, unknown> {
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
      ? {
          error: {
            kind: view.error.kind,
            code: view.error.code,
            message: view.error.message,
            explanation: errorSentence(view, [view]),
          },
        }
      : {}),
    // Live roles only: whether the session renews itself, or when and why it lapses.
    ...(view.renewal ? { renewal: renewalRecord(view.renewal) } : {}),
    // Who keeps this role fresh; null: nothing does, it expires at `expiration`.
    refresher,
  };
}

function expires(view: RoleView, now: number): string {
  if (view.expiresAt === undefined || view.state === 'inactive') return '-';
  return expiryText(view.expiresAt - now);
}

function clockTime(ms: number): string {
  const at = new Date(ms);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/** One line: nothing renews these profiles, so when each one runs out. */
function noRefresherLine(views: readonly RoleView[]): string {
  const expiring = views.filter(
    (v) => v.expiresAt !== undefined && v.state !== 'inactive' && v.state !== 'expired',
  );
  const when = expiring
    .map((v, i) => `${v.role.profile}${i === 0 ? ' expires' : ''} at ${clockTime(v.expiresAt!)}`)
    .join(', ');
  return when
    ? `no refresher is running: ${when} unless \`switchyard daemon\` or the tray app runs`
    : 'no refresher is running: activated roles will not be renewed unless `switchyard daemon` or the tray app runs';
}

/**
 * An aligned table: label, profile, state, expiry ("in 42m" or "expired"), whether it
 * renews itself or when it lapses (while any role is live), the error if any,
 * then who refreshes: `refresher` names it, null says no process does and when
 * the profiles run out, undefined says nothing.
 */
export function statusTable(
  views: readonly RoleView[],
  refresher: string | null | undefined,
  now: number,
): string {
  // The RENEWAL column only when some role is live: an empty column is noise.
  const renewal = views.some((v) => v.renewal !== undefined);
  const rows = views.map((v) => [
    `${v.role.label}${v.isDefault ? ' *' : ''}`,
    v.role.profile,
    v.state,
    expires(v, now),
    ...(renewal ? [v.renewal ? renewalText(v.renewal) : ''] : []),
    errorSentence(v, views),
  ]);
  const header = ['ROLE', 'PROFILE', 'STATE', 'EXPIRES', ...(renewal ? ['RENEWAL'] : []), ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = [line(header), ...rows.map(line)];
  if (refresher !== undefined) {
    lines.push('', refresher === null ? noRefresherLine(views) : `refreshed by ${refresher}`);
  }
  return `${lines.join('\n')}\n`;
}
