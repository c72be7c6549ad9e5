import { useCallback, useSyncExternalStore } from 'react';
import type { LapseReason } from '../../../shared/model';
import { lapseText } from '../../../shared/renewal-text';
import { useServices } from '../services-context';

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
