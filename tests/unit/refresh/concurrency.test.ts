import { describe, expect, it } from 'vitest';
import { runBounded } from '../../../electron/core/refresh/concurrency';
import { seededRandom } from '../../../electron/core/refresh/stable-random';

const tick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('runBounded', () => {
  it('never has more than `limit` calls in flight, and uses all of them', async () => {
    for (const limit of [1, 3, 8]) {
      const random = seededRandom(limit);
      let inFlight = 0;
      let peak = 0;
      const items = Array.from({ length: 40 }, (_, i) => i);
      await runBounded(items, limit, async (item) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await tick(Math.floor(random() * 4));
        inFlight--;
        return item;
      });
      expect(peak).toBe(limit);
    }
  });

  it('returns settled results in input order, whatever order they finish in', async () => {
    const results = await runBounded([30, 0, 15, 5], 2, async (ms, index) => {
      await tick(ms);
      if (index === 2) throw new Error('boom');
      return ms * 2;
    });
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 60 });
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
  });

  it('turns a synchronous throw into a rejected result and keeps going', async () => {
    const results = await runBounded([1, 2, 3], 1, (n) => {
      if (n === 2) throw new Error('sync');
      return Promise.resolve(n);
    });
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('handles an empty list and a limit above the item count', async () => {
    expect(await runBounded([], 4, async () => 1)).toEqual([]);
    expect(await runBounded(['a'], 10, async (s) => s)).toEqual([
      { status: 'fulfilled', value: 'a' },
    ]);
  });

  it('rejects a limit that is not a positive integer', async () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      await expect(runBounded([1], limit, async (n) => n)).rejects.toThrow(RangeError);
    }
  });
});
