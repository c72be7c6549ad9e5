import { useCallback, useSyncExternalStore } from 'react';
import type { LapseReason } from '../../../shared/model';
import { useServices } from '../services-context';

const REASON: Record<LapseReason, string> = {
  mfa: 'MFA',
  chained: 'chained',
  'no-refresher': 'not renewed',
};

/** "14:05": the local clock time, as the user's menu bar shows it. */
export function clockTime(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** "lapses 14:05 (MFA)" */
export function lapseText(at: number, reason: LapseReason): string {
  return `lapses ${clockTime(at)} (${REASON[reason]})`;
}

/**
 * When a live session will lapse and why; amber once the lapse is inside the
 * refresh margin, as the user must act then. Subscribes to the shared clock
 * but re-renders only when it turns amber.
 */
export function LapseNote({
  at,
  reason,
  marginMs,
}: {
  at: number;
  reason: LapseReason;
  marginMs: number;
}) {
  const { clock } = useServices();
  const read = useCallback(() => at - clock.now() <= marginMs, [clock, at, marginMs]);
  const soon = useSyncExternalStore(clock.subscribe, read);
  return (
    <span className={`lapse-note${soon ? ' tone-warning' : ''}`} data-testid="lapse-note">
      {lapseText(at, reason)}
    </span>
  );
}
