import { describe, expect, it } from 'vitest';

import { formatDurationSeconds, formatRemaining } from '../../../shared/duration-format';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe('formatRemaining', () => {
  it.each([
    [0, 'expired'],
    [-1, 'expired'],
    [-5 * M, 'expired'],
    [Number.NaN, 'expired'],
    [1, '0s'],
    [999, '0s'],
    [S, '1s'],
    [45 * S, '45s'],
    [45 * S + 999, '45s'],
    [M - 1, '59s'],
    [M, '1m 00s'],
    [M + 5 * S, '1m 05s'],
    [3 * M + 10 * S, '3m 10s'],
    [10 * M - 1, '9m 59s'],
    [10 * M, '10m'],
    [10 * M + 59 * S, '10m'],
    [42 * M + 30 * S, '42m'],
    [H - 1, '59m'],
    [H, '1h 00m'],
    [H + M, '1h 01m'],
    [2 * H + 5 * M, '2h 05m'],
    [2 * H + 5 * M + 59 * S, '2h 05m'],
    [12 * H, '12h 00m'],
    [36 * H + 30 * M, '36h 30m'],
    [Number.POSITIVE_INFINITY, '∞'],
  ])('%d ms → %s', (ms, expected) => {
    expect(formatRemaining(ms)).toBe(expected);
  });
});

describe('formatDurationSeconds', () => {
  it.each([
    [3600, '1 hour'],
    [43200, '12 hours'],
    [900, '15 minutes'],
    [60, '1 minute'],
    [1, '1 second'],
    [45, '45 seconds'],
    [0, '0 seconds'],
    [5400, '1 hour 30 minutes'],
    [3661, '1 hour 1 minute 1 second'],
    [90, '1 minute 30 seconds'],
    [129600, '36 hours'],
    [899.6, '15 minutes'],
    [-900, '-15 minutes'],
  ])('%d s → %s', (seconds, expected) => {
    expect(formatDurationSeconds(seconds)).toBe(expected);
  });
});
