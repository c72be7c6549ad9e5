import type { StateAction } from '../refresh/state-model';

/**
 * Claimed requests cut into batches that may run together: consecutive
 * activations and refreshes of different roles. A deactivation, or a second
 * request for a role already in the batch, starts a new batch, so each role's
 * requests (and a deactivation before an activation chained from that role)
 * still take effect in the order they were made.
 */
export function requestBatches<R extends { action: StateAction; roleId: string }>(
  requests: readonly R[],
): R[][] {
  const batches: R[][] = [];
  let batch: R[] = [];
  let roles = new Set<string>();
  const close = (): void => {
    if (batch.length > 0) batches.push(batch);
    batch = [];
    roles = new Set();
  };
  for (const request of requests) {
    if (request.action === 'deactivate') {
      close();
      batches.push([request]);
      continue;
    }
    if (roles.has(request.roleId)) close();
    batch.push(request);
    roles.add(request.roleId);
  }
  close();
  return batches;
}
