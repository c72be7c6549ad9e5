import { describe, expect, it } from 'vitest';
import { seededRandom, stableUnit } from '../../../electron/core/refresh/stable-random';

describe('stableUnit', () => {
  it('is deterministic and in [0, 1)', () => {
    expect(stableUnit(1, 'role-a', 123)).toBe(stableUnit(1, 'role-a', 123));
    for (let i = 0; i < 1_000; i++) {
      const u = stableUnit(i, `role-${i}`);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('changes with every part and does not confuse part boundaries', () => {
    const base = stableUnit(0, 'role', 1);
    expect(stableUnit(1, 'role', 1)).not.toBe(base);
    expect(stableUnit(0, 'rolf', 1)).not.toBe(base);
    expect(stableUnit(0, 'role', 2)).not.toBe(base);
    expect(stableUnit('ab', 'c')).not.toBe(stableUnit('a', 'bc'));
  });

  it('is roughly uniform over similar inputs', () => {
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const b = Math.floor(stableUnit(0, `role-${i}`, 1_767_261_600_000) * 10);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(850);
  });
});

describe('seededRandom', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    for (const u of seqA) expect(u >= 0 && u < 1).toBe(true);
  });
});
