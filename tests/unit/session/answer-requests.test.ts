import { describe, expect, it } from 'vitest';
import type { StateFile } from '../../../electron/core/refresh/state-file';
import {
  emptyState,
  type StateRequest,
  type SwitchyardState,
} from '../../../electron/core/refresh/state-model';
import { answerRequests } from '../../../electron/core/session/state-sync';

/** An in-memory state file whose nth update (1-based) throws once. */
function memoryStateFile(initial: SwitchyardState, failOnUpdate: number): StateFile {
  let state = initial;
  let updates = 0;
  return {
    path: '/mem/state.json',
    readText: () => Promise.resolve(JSON.stringify(state)),
    read: () => Promise.resolve(state),
    update: (change) => {
      updates += 1;
      if (updates === failOnUpdate) return Promise.reject(new Error('disk hiccup'));
      state = change(state);
      return Promise.resolve(state);
    },
    setAside: () => Promise.resolve(undefined),
  };
}

function request(id: string, action: StateRequest['action'], roleId: string): StateRequest {
  return { id, action, roleId, createdAt: 1, from: { pid: 1, kind: 'cli' } };
}

describe('answerRequests', () => {
  it('a batch whose results cannot be written does not strand the batches after it', async () => {
    // Three batches: a deactivation always stands alone.
    const requests = [
      request('a', 'activate', 'r1'),
      request('d', 'deactivate', 'r1'),
      request('b', 'activate', 'r2'),
    ];
    // Update 1 claims the requests; update 2 (the first batch's results) fails.
    const file = memoryStateFile({ ...emptyState(), requests }, 2);
    const done: string[] = [];
    await expect(
      answerRequests(
        file,
        () => 5,
        (batch) => {
          done.push(...batch.map((r) => r.id));
          return Promise.resolve(
            batch.map((r) => ({
              id: r.id,
              action: r.action,
              roleId: r.roleId,
              ok: true,
              finishedAt: 5,
            })),
          );
        },
      ),
    ).rejects.toThrow('disk hiccup');
    expect(done).toEqual(['a', 'd', 'b']);
    const state = await file.read();
    expect(state.requests).toEqual([]);
    expect(state.results.map((r) => r.id)).toEqual(['d', 'b']);
  });
});
