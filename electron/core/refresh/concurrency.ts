/**
 * Runs `fn` over `items` with at most `limit` calls in flight, so a refresh
 * round over 200 roles does not open 200 STS connections at once (and trip
 * STS throttling). Never rejects: results are settled, in input order.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`runBounded: limit must be a positive integer, got ${limit}`);
  }
  const results = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;

  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      try {
        // Awaiting inside try also turns a synchronous throw into a rejection.
        const value = await fn(items[index] as T, index);
        results[index] = { status: 'fulfilled', value };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
  return results;
}
