import { describe, expect, it } from 'vitest';
import {
  addRequest,
  addResult,
  claimRequests,
  MAX_RESULTS,
  recordSession,
  removeSession,
  REQUEST_MAX_AGE_MS,
  setDesired,
} from '../../../electron/core/refresh/state-changes';
import { diffState, isEmptyChange } from '../../../electron/core/refresh/state-diff';
import { emptyState, type StateRequest } from '../../../electron/core/refresh/state-model';

const NOW = 1_767_261_600_000;

function request(
  id: string,
  action: StateRequest['action'],
  roleId: string,
  createdAt = NOW,
): StateRequest {
  return { id, action, roleId, createdAt, from: { pid: 10, kind: 'cli' } };
}

describe('state changes', () => {
  it('setDesired creates or updates a record, and is a no-op when unchanged', () => {
    const s1 = setDesired(emptyState(), 'dev', 'active', NOW);
    expect(s1.sessions.dev).toEqual({ desired: 'active', state: 'inactive', updatedAt: NOW });
    expect(setDesired(s1, 'dev', 'active', NOW + 1)).toBe(s1);
    expect(setDesired(s1, 'dev', 'inactive', NOW + 1).sessions.dev?.desired).toBe('inactive');
  });

  it('recordSession publishes a view, keeps desired, and skips identical views', () => {
    const s1 = setDesired(emptyState(), 'dev', 'active', NOW);
    const s2 = recordSession(s1, 'dev', { state: 'active', expiresAt: NOW + 3_600_000 }, NOW + 5);
    expect(s2.sessions.dev).toEqual({
      desired: 'active',
      state: 'active',
      expiresAt: NOW + 3_600_000,
      updatedAt: NOW + 5,
    });
    expect(recordSession(s2, 'dev', { state: 'active', expiresAt: NOW + 3_600_000 }, NOW + 9)).toBe(
      s2,
    );
    const s3 = recordSession(
      s2,
      'dev',
      {
        state: 'error',
        expiresAt: NOW + 3_600_000,
        error: { kind: 'retryable', code: 'Throttling', message: 'slow' },
      },
      NOW + 9,
    );
    expect(s3.sessions.dev?.error?.code).toBe('Throttling');
    expect(
      recordSession(emptyState(), 'new', { state: 'inactive' }, NOW).sessions.new?.desired,
    ).toBe('inactive');
  });

  it('removeSession drops a record and is a no-op for an unknown one', () => {
    const s1 = setDesired(emptyState(), 'dev', 'active', NOW);
    expect(removeSession(s1, 'dev').sessions).toEqual({});
    expect(removeSession(s1, 'other')).toBe(s1);
  });

  it('addRequest queues the request and sets desired for activate/deactivate in the same write', () => {
    const s1 = addRequest(emptyState(), request('a', 'activate', 'prod'));
    expect(s1.sessions.prod?.desired).toBe('active');
    const s2 = addRequest(s1, request('b', 'refresh', 'prod'));
    expect(s2.sessions.prod).toBe(s1.sessions.prod);
    const s3 = addRequest(s2, request('c', 'deactivate', 'prod'));
    expect(s3.sessions.prod?.desired).toBe('inactive');
    expect(s3.requests.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('claimRequests empties the queue, and answers requests too old to act on', () => {
    let s = addRequest(emptyState(), request('old', 'refresh', 'x', NOW - REQUEST_MAX_AGE_MS - 1));
    s = addRequest(s, request('new', 'activate', 'y', NOW - 1_000));
    const { state, claimed, dropped } = claimRequests(s, NOW);
    expect(claimed.map((r) => r.id)).toEqual(['new']);
    expect(dropped.map((r) => r.id)).toEqual(['old']);
    expect(state.requests).toEqual([]);
    expect(state.results).toEqual([
      expect.objectContaining({
        id: 'old',
        ok: false,
        message: expect.stringMatching(/no refresher/),
      }),
    ]);
    const empty = emptyState();
    expect(claimRequests(empty, NOW).state).toBe(empty);
  });

  it('addResult keeps a bounded, recent history', () => {
    let s = emptyState();
    for (let i = 0; i < MAX_RESULTS + 10; i++) {
      s = addResult(
        s,
        { id: `r${i}`, action: 'refresh', roleId: 'x', ok: true, finishedAt: NOW },
        NOW,
      );
    }
    expect(s.results).toHaveLength(MAX_RESULTS);
    expect(s.results.at(-1)?.id).toBe(`r${MAX_RESULTS + 9}`);
    const later = addResult(
      s,
      { id: 'late', action: 'refresh', roleId: 'x', ok: true, finishedAt: NOW + 7_200_000 },
      NOW + 7_200_000,
    );
    expect(later.results.map((r) => r.id)).toEqual(['late']);
  });
});

describe('diffState', () => {
  it('reports desired changes, session changes, new requests and new results', () => {
    const before = recordSession(
      setDesired(emptyState(), 'a', 'active', NOW),
      'a',
      { state: 'active' },
      NOW,
    );
    let after = recordSession(before, 'a', { state: 'refreshing' }, NOW + 1);
    after = addRequest(after, request('q1', 'deactivate', 'b'));
    after = addResult(
      after,
      { id: 'z', action: 'refresh', roleId: 'a', ok: true, finishedAt: NOW },
      NOW,
    );
    const change = diffState(before, after);
    expect(change.desiredChanged).toEqual(['b']);
    expect(change.sessionsChanged).toEqual(['a', 'b']);
    expect(change.newRequests.map((r) => r.id)).toEqual(['q1']);
    expect(change.newResults.map((r) => r.id)).toEqual(['z']);
    expect(isEmptyChange(change)).toBe(false);
  });

  it('sees removals, and nothing when nothing changed', () => {
    const s = setDesired(emptyState(), 'a', 'active', NOW);
    expect(diffState(s, removeSession(s, 'a')).desiredChanged).toEqual(['a']);
    expect(isEmptyChange(diffState(s, JSON.parse(JSON.stringify(s))))).toBe(true);
    // Claiming requests removes them: not a change a watcher needs to act on.
    const queued = addRequest(emptyState(), request('q', 'refresh', 'a'));
    expect(isEmptyChange(diffState(queued, claimRequests(queued, NOW).state))).toBe(true);
  });
});
