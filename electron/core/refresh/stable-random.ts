/**
 * Deterministic randomness for scheduling. Jitter must not move when the plan is
 * recomputed (after every change, wake-up or resume), so it is a hash of what
 * identifies the event (role, expiry, attempt) rather than a draw from a stream.
 */

/** A number in [0, 1) that depends only on `parts` (53-bit cyrb53-style hash). */
export function stableUnit(...parts: readonly (string | number)[]): number {
  const text = parts.map(String).join('\u0000');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const bits53 = (h2 >>> 0) * 2 ** 21 + ((h1 >>> 0) >>> 11);
  return bits53 / 2 ** 53;
}

/** A seeded stream of numbers in [0, 1) (mulberry32), for tests and one-off draws. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
