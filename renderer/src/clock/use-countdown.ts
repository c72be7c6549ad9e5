import { useCallback, useSyncExternalStore } from 'react';
import { type CountdownTone, type CountdownView, countdownView } from './countdown-view';
import type { SharedClock } from './shared-clock';

const TONES: readonly CountdownTone[] = ['ok', 'warning', 'expired'];

/**
 * Subscribes the calling cell to the shared clock. The store value is the
 * rendered text, not the time: React compares it with Object.is, so a tick
 * that leaves "42m" as "42m" re-renders nothing, and one that changes it
 * re-renders this cell only (never its row or the list).
 */
export function useCountdown(
  clock: SharedClock,
  expiresAt: number,
  marginMs: number,
): CountdownView {
  const read = useCallback(() => {
    const view = countdownView(expiresAt, clock.now(), marginMs);
    return `${TONES.indexOf(view.tone)}${view.label}`;
  }, [clock, expiresAt, marginMs]);
  const key = useSyncExternalStore(clock.subscribe, read);
  return { tone: TONES[Number(key[0])] ?? 'ok', label: key.slice(1) };
}
