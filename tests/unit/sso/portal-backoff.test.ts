import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter } from '../../../electron/core/sso/portal-limiter';
import {
  DEFAULT_PORTAL_BACKOFF,
  portalRetryDelayMs,
} from '../../../electron/core/sso/portal-backoff';

describe('portalRetryDelayMs', () => {
  it('doubles its ceiling per failure, draws within it, and stops at the cap', () => {
    expect([1, 2, 3, 4].map((n) => portalRetryDelayMs(n, 0.999))).toEqual([399, 799, 1598, 3196]);
    expect([1, 2, 3].map((n) => portalRetryDelayMs(n, 0.5))).toEqual([200, 400, 800]);
    expect(portalRetryDelayMs(30, 0.999)).toBe(Math.floor(DEFAULT_PORTAL_BACKOFF.capMs * 0.999));
  });

  it('never returns less than the floor, whatever the draw (no hot loop)', () => {
    expect(portalRetryDelayMs(1, 0)).toBe(DEFAULT_PORTAL_BACKOFF.minMs);
    expect(portalRetryDelayMs(1, -1)).toBe(DEFAULT_PORTAL_BACKOFF.minMs);
    expect(portalRetryDelayMs(1, 5)).toBe(DEFAULT_PORTAL_BACKOFF.baseMs);
  });
});

describe('AdaptiveLimiter', () => {
  it('grants up to its limit, queues the rest in order, priority first', async () => {
    const limiter = new AdaptiveLimiter(2);
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    const order: string[] = [];
    const a = limiter.acquire().then(() => order.push('a'));
    const b = limiter.acquire(undefined, true).then(() => order.push('b'));
    first.release(false);
    second.release(false);
    await Promise.all([a, b]);
    expect(order).toEqual(['b', 'a']);
    expect(limiter.peak).toBe(2);
  });

  it('halves once per wave of throttled calls, then grows back by one per four rounds', async () => {
    const limiter = new AdaptiveLimiter(8);
    const wave = await Promise.all(Array.from({ length: 8 }, () => limiter.acquire()));
    // Eight 429s from calls sent at the same limit are one signal.
    for (const slot of wave) slot.release(true);
    expect(limiter.limit).toBe(4);
    const next = await Promise.all(Array.from({ length: 4 }, () => limiter.acquire()));
    for (const slot of next) slot.release(true);
    expect(limiter.limit).toBe(2);
    // Four rounds of successes at limit 2 (8 calls) add one; four at 3 (12) another.
    for (let i = 0; i < 7; i++) (await limiter.acquire()).release(false);
    expect(limiter.limit).toBe(2);
    for (let i = 0; i < 13; i++) (await limiter.acquire()).release(false);
    expect(limiter.limit).toBe(4);
    for (let i = 0; i < 100; i++) (await limiter.acquire()).release(false);
    expect(limiter.limit).toBe(8);
    expect(limiter.peak).toBe(8);
  });

  it('never goes below one, and a waiter whose signal aborts leaves the queue', async () => {
    const limiter = new AdaptiveLimiter(1);
    (await limiter.acquire()).release(true);
    expect(limiter.limit).toBe(1);
    const held = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    held.release(false);
    held.release(false);
    expect(limiter.inFlight).toBe(0);
    await limiter.acquire();
    expect(limiter.inFlight).toBe(1);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new AdaptiveLimiter(0)).toThrow(/positive integer/);
  });
});
