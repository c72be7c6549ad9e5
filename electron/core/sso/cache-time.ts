/**
 * Times in the SSO token cache. The AWS CLI and botocore write
 * `2024-01-01T12:00:00Z` (strftime `%Y-%m-%dT%H:%M:%SZ`), the JS SDK writes
 * `toISOString()` (`…:00.000Z`), and older CLIs wrote `…:00UTC` (strftime
 * `%Z`). botocore reads any of them with dateutil, so a file another tool
 * wrote may hold any form dateutil accepts; these are the ones found in
 * practice: ISO 8601 (`T` or a space, any fraction, `Z`/`UTC`/`GMT` or a
 * numeric offset) and RFC 1123 (`Mon, 01 Jan 2024 12:00:00 GMT`). A time
 * without a zone is refused: botocore cannot compare it with "now" either.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC1123 =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UTC|Z|[+-]\d{4})$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A parsed cache time in epoch ms, or why it is not one (one line, without the value). */
export type CacheTime = { readonly ms: number } | { readonly problem: string };

export function parseCacheTime(value: unknown): CacheTime {
  if (typeof value !== 'string') return { problem: `is ${typeof value}, not a time` };
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, fraction, zone] = iso;
    if (zone === undefined) return { problem: 'has no time zone' };
    const ms = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
    return utc(+(y as string), +(mo as string), +(d as string), h, mi, s, ms, zone);
  }
  const rfc = RFC1123.exec(text);
  if (rfc) {
    const [, d, mon, y, h, mi, s, zone] = rfc;
    const month = MONTHS.indexOf((mon as string).toLowerCase()) + 1;
    return utc(+(y as string), month, +(d as string), h, mi, s, 0, zone as string);
  }
  return { problem: 'is not a time in a form the AWS tools write' };
}

function utc(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  ms: number,
  zone: string,
): CacheTime {
  const [h, mi, s] = [Number(hour), Number(minute), Number(second)];
  const at = Date.UTC(year, month - 1, day, h, mi, s, ms);
  const back = new Date(at);
  // Date.UTC rolls 2024-02-30 over into March; a real date survives the round trip.
  const real =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    h <= 23 &&
    mi <= 59 &&
    s <= 59;
  if (!real) return { problem: 'is not a real date and time' };
  return { ms: at - offsetMs(zone) };
}

/** `+01:00`, `+0100`, `+01` → 3,600,000; `Z`, `UTC`, `GMT` → 0. */
function offsetMs(zone: string): number {
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return 0;
  const [, sign, hours, minutes] = match;
  const ms = (Number(hours) * 60 + Number(minutes ?? 0)) * 60_000;
  return sign === '-' ? -ms : ms;
}

/**
 * The form botocore writes (`%Y-%m-%dT%H:%M:%SZ`), which every reader
 * accepts. Seconds are cut, never rounded up: a token is never said to last
 * longer than it does.
 */
export function formatCacheTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
