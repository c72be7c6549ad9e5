import { useLayoutEffect } from 'react';
import { useCountdown } from '../clock/use-countdown';
import { countCountdownCommit } from '../perf/perf-probe';
import { useServices } from '../services-context';

/** A live "42m" / "3m 10s": re-renders on its own when its text changes, nothing else does. */
export function Countdown({ expiresAt, marginMs }: { expiresAt: number; marginMs: number }) {
  const { clock } = useServices();
  const { label, tone } = useCountdown(clock, expiresAt, marginMs);
  useLayoutEffect(countCountdownCommit);
  return (
    <span className={`countdown tone-${tone}`} data-testid="countdown">
      {label}
    </span>
  );
}
