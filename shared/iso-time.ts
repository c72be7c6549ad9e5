/**
 * `new Date(ms).toISOString()`, the same text, without V8 setting up its
 * time-zone cache: the first toISOString() of a process reads /etc/localtime
 * and ICU's zone data (about 1 ms), though the text is UTC. Every command
 * writes an audit line, most of them before anything else needs a date, and a
 * cold `assume` needs dates only in UTC (the signature's, the expiry's). The
 * UTC getters need no zone. Outside years 0–9999 (never a real event time) it
 * defers to toISOString.
 */
export function isoTime(ms: number): string {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return date.toISOString();
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${String(year).padStart(4, '0')}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}` +
    `T${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}` +
    `.${String(date.getUTCMilliseconds()).padStart(3, '0')}Z`
  );
}
