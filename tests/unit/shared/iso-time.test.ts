import { describe, expect, it } from 'vitest';
import { isoTime } from '../../../shared/iso-time';

describe('isoTime', () => {
  it('writes what toISOString writes', () => {
    const times = [
      0,
      1,
      999,
      86_399_999,
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2028, 1, 29, 12, 0, 0, 5),
      Date.UTC(1969, 6, 20, 20, 17, 40, 50),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(100, 0, 1) - 1,
      -62_167_219_200_000, // year 0
    ];
    for (let i = 0; i < 2000; i++) times.push(Math.floor(Math.random() * 4_102_444_800_000));
    for (const ms of times) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });

  it('defers to toISOString outside years 0–9999, and throws as it does for an invalid time', () => {
    for (const ms of [253_402_300_800_000, -62_167_219_200_001, 8.64e15]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});
