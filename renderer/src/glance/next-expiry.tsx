import { useCallback, useSyncExternalStore } from 'react';
import { formatRemaining } from '../../../shared/duration-format';
import { useServices } from '../services-context';

/**
 * "next expiry 3m", ticking with the shared clock: only this text re-renders
 * when its label changes, never the status line or the list.
 */
export function NextExpiryText({ at }: { at: number }) {
  const { clock } = useServices();
  // A live session at its end, before the engine has marked it expired: "now".
  const read = useCallback(() => {
    const left = at - clock.now();
    return left > 0 ? formatRemaining(left) : 'now';
  }, [clock, at]);
  const label = useSyncExternalStore(clock.subscribe, read);
  return <>next expiry {label}</>;
}
