import { formatRemaining } from '../../../shared/duration-format';

/** ok: plenty of time; warning: inside the refresh margin; expired: no time left. */
export type CountdownTone = 'ok' | 'warning' | 'expired';

export interface CountdownView {
  readonly label: string;
  readonly tone: CountdownTone;
}

/** Pure: what a countdown shows at `now`. The warning starts where the engine would refresh. */
export function countdownView(expiresAt: number, now: number, marginMs: number): CountdownView {
  const remaining = expiresAt - now;
  const tone: CountdownTone = remaining <= 0 ? 'expired' : remaining <= marginMs ? 'warning' : 'ok';
  return { label: formatRemaining(remaining), tone };
}
