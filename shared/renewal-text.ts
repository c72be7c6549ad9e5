import type { LapseReason, RenewalView } from './model';

const REASON: Record<LapseReason, string> = {
  mfa: 'MFA',
  chained: 'chained',
  'no-refresher': 'not renewed',
  'sign-in': 'sign-in',
};

/** "14:05": the local clock time, as the menu bar shows it. */
export function clockTime(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** "lapses 14:05 (MFA)": when a live session ends for good unless the user acts, and why. */
export function lapseText(at: number, reason: LapseReason): string {
  return `lapses ${clockTime(at)} (${REASON[reason]})`;
}

/** The tray's and `switchyard status`'s words for a renewal: "renews itself" or "lapses 14:05 (MFA)". */
export function renewalText(renewal: RenewalView): string {
  return renewal.kind === 'renews' ? 'renews itself' : lapseText(renewal.at, renewal.reason);
}
