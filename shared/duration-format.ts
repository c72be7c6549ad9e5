const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A countdown label for the tray: "2h 05m", "42m", "3m 10s", "45s", "expired".
 * Units are truncated, like a clock, so the label never promises more time
 * than is left; only the two most useful units are shown, and seconds only in
 * the last ten minutes, when they matter.
 */
export function formatRemaining(ms: number): string {
  if (!(ms > 0)) return 'expired'; // also catches NaN
  if (ms === Infinity) return '∞';
  if (ms >= HOUR) {
    return `${Math.floor(ms / HOUR)}h ${pad2(Math.floor((ms % HOUR) / MINUTE))}m`;
  }
  if (ms >= 10 * MINUTE) return `${Math.floor(ms / MINUTE)}m`;
  if (ms >= MINUTE) {
    return `${Math.floor(ms / MINUTE)}m ${pad2(Math.floor((ms % MINUTE) / SECOND))}s`;
  }
  return `${Math.floor(ms / SECOND)}s`;
}

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A length of time for messages: "1 hour", "12 hours", "15 minutes", "1 hour 30 minutes". */
export function formatDurationSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return `${seconds} seconds`;
  if (seconds < 0) return `-${formatDurationSeconds(-seconds)}`;
  const total = Math.round(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const parts = [
    hours > 0 ? count(hours, 'hour') : '',
    minutes > 0 ? count(minutes, 'minute') : '',
    rest > 0 ? count(rest, 'second') : '',
  ].filter((part) => part !== '');
  return parts.length > 0 ? parts.join(' ') : '0 seconds';
}
