import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, retryDelay } from '../../../electron/core/refresh/backoff';
import { seededRandom } from '../../../electron/core/refresh/stable-random';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const SEEDS = 2_000;
const FAR = NOW + 12 * 3_600_000;

/** Delays for `failures` over many seeds. */
function sample(failures: number, extra: { expiresAt?: number; capMs?: number } = {}): number[] {
  const out: number[] = [];
  for (let seed = 0; seed < SEEDS; seed++) {
    const delay = retryDelay(
      {
        kind: 'retryable',
        failures,
        now: NOW,
        expiresAt: extra.expiresAt,
        random: seededRandom(seed)(),
      },
      extra.capMs === undefined ? {} : { capMs: extra.capMs },
    );
    if (delay === undefined) throw new Error('expected a delay');
    out.push(delay);
  }
  return out;
}

describe('retryDelay', () => {
  it('does not retry errors that need a person', () => {
    for (const kind of ['needs-user', 'invalid-request'] as const) {
      expect(retryDelay({ kind, failures: 1, now: NOW, random: 0.5 })).toBeUndefined();
    }
  });

  it('retries retryable and file errors', () => {
    expect(retryDelay({ kind: 'retryable', failures: 1, now: NOW, random: 0.5 })).toBeDefined();
    expect(retryDelay({ kind: 'file', failures: 1, now: NOW, random: 0.5 })).toBeDefined();
  });

  it('full jitter: within [1 s, base·2^(n-1)] and spread over that range', () => {
    for (const failures of [1, 2, 3, 5, 7]) {
      const ceiling = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** (failures - 1));
      const delays = sample(failures, { expiresAt: FAR });
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(1_000);
      expect(Math.max(...delays)).toBeLessThanOrEqual(ceiling);
      if (ceiling >= 8_000) {
        // Uniform draws: the mean sits near half the ceiling, the top decile is reached.
        const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
        expect(mean).toBeGreaterThan(ceiling * 0.45);
        expect(mean).toBeLessThan(ceiling * 0.55);
        expect(Math.max(...delays)).toBeGreaterThan(ceiling * 0.9);
      }
    }
  });

  it('grows with the failure count', () => {
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(sample(4, { expiresAt: FAR }))).toBeGreaterThan(
      mean(sample(2, { expiresAt: FAR })),
    );
  });

  it('never exceeds the cap (default 5 min, configurable), even after many failures', () => {
    for (const failures of [10, 50, 1_000, Number.MAX_SAFE_INTEGER]) {
      expect(Math.max(...sample(failures, { expiresAt: FAR }))).toBeLessThanOrEqual(300_000);
      expect(Math.max(...sample(failures, { expiresAt: FAR, capMs: 60_000 }))).toBeLessThanOrEqual(
        60_000,
      );
    }
    expect(Math.max(...sample(30, { expiresAt: FAR }))).toBeGreaterThan(270_000);
  });

  it('decorrelated jitter stays within [base, min(cap, 3·previous)]', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const random = seededRandom(seed);
      let previous = DEFAULT_BACKOFF.baseMs;
      for (let failures = 1; failures <= 20; failures++) {
        const delay = retryDelay(
          { kind: 'retryable', failures, now: NOW, previousDelayMs: previous, random: random() },
          { jitter: 'decorrelated' },
        );
        if (delay === undefined) throw new Error('expected a delay');
        const upper = Math.min(DEFAULT_BACKOFF.capMs, previous * 3);
        if (delay < DEFAULT_BACKOFF.baseMs || delay > upper) {
          throw new Error(`seed ${seed}: ${delay} outside [${DEFAULT_BACKOFF.baseMs}, ${upper}]`);
        }
        previous = delay;
      }
    }
  });

  it('while old credentials are valid, lands before expiry minus a safety second', () => {
    for (const leftMs of [10 * 60_000, 4 * 60_000, 60_000, 20_000, 5_000, 2_500]) {
      for (const failures of [1, 4, 8, 20]) {
        const delays = sample(failures, { expiresAt: NOW + leftMs });
        expect(Math.max(...delays)).toBeLessThanOrEqual(leftMs - 1_000);
        expect(Math.min(...delays)).toBeGreaterThanOrEqual(1_000);
      }
    }
  });

  it('retries more densely as expiry nears: several attempts fit before it', () => {
    for (let seed = 0; seed < 200; seed++) {
      const random = seededRandom(seed);
      const expiresAt = NOW + 4 * 60_000;
      let t = NOW;
      let attempts = 0;
      // Every attempt fails after a 20th failure: the plain backoff would be 0-5 min.
      for (let failures = 20; t < expiresAt - 1_000; failures++) {
        const delay = retryDelay({
          kind: 'retryable',
          failures,
          now: t,
          expiresAt,
          random: random(),
        });
        if (delay === undefined) throw new Error('expected a delay');
        t += delay;
        if (t < expiresAt) attempts++;
        expect(attempts).toBeLessThan(40);
      }
      expect(attempts).toBeGreaterThanOrEqual(3);
    }
  });

  it('never goes below 1 s, even at the last second or after expiry', () => {
    for (const expiresAt of [NOW + 1_500, NOW + 500, NOW, NOW - 60_000]) {
      for (const delay of sample(1, { expiresAt })) expect(delay).toBeGreaterThanOrEqual(1_000);
    }
  });

  it('after expiry, uses the plain backoff', () => {
    const delays = sample(10, { expiresAt: NOW - 1 });
    expect(Math.max(...delays)).toBeGreaterThan(200_000);
  });

  it('is stable for a stable draw', () => {
    const ctx = { kind: 'retryable', failures: 3, now: NOW, expiresAt: FAR, random: 0.37 } as const;
    expect(retryDelay(ctx)).toBe(retryDelay(ctx));
  });
});
