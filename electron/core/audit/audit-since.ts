import { InputError } from '../../../shared/input-error';

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/**
 * `--since`: a span back from now (`30m`, `24h`, `7d`, `2w`) or a moment
 * (`2026-12-01`, midnight UTC; or a full ISO 8601 time).
 */
export function parseSince(text: string, now: number): number {
  const span = /^(\d{1,6})([mhdw])$/.exec(text.trim());
  if (span) return now - Number(span[1]) * UNIT_MS[span[2]!]!;
  if (
    /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())
  ) {
    const at = Date.parse(text.trim());
    if (!Number.isNaN(at)) return at;
  }
  throw new InputError(
    'since',
    `--since takes a span such as 24h, 7d or 30m, or a date such as 2026-12-01; got ${JSON.stringify(text)}`,
  );
}
