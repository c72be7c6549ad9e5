import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/model';
import { createSnapshotStore } from '../../../renderer/src/bridge/snapshot-store';
import { reuseUnchanged } from '../../../renderer/src/bridge/reuse-unchanged';
import { role, snapshot, view } from './fixtures';

/** A bridge whose getSnapshot answers when the test says so, recording the call order. */
function fakeApi() {
  const order: string[] = [];
  let listener: ((s: Snapshot) => void) | undefined;
  let answer!: (s: Snapshot) => void;
  let fail!: (e: Error) => void;
  const api = {
    onSnapshot(l: (s: Snapshot) => void) {
      order.push('onSnapshot');
      listener = l;
      return () => {
        listener = undefined;
      };
    },
    getSnapshot() {
      order.push('getSnapshot');
      return new Promise<Snapshot>((resolve, reject) => {
        answer = resolve;
        fail = reject;
      });
    },
  };
  return {
    api,
    order,
    push: (s: Snapshot) => listener?.(s),
    answer: (s: Snapshot) => answer(s),
    fail: (e: Error) => fail(e),
    subscribed: () => listener !== undefined,
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createSnapshotStore', () => {
  it('subscribes before it fetches, so no change is lost in between', async () => {
    const fake = fakeApi();
    const store = createSnapshotStore(fake.api);
    expect(fake.order).toEqual(['onSnapshot', 'getSnapshot']);
    expect(store.get()).toEqual({});
    const fetched = snapshot([view(role('a'))]);
    fake.answer(fetched);
    await tick();
    expect(store.get().snapshot).toBe(fetched);
  });

  it('keeps a pushed snapshot over an older fetched one that arrives later', async () => {
    const fake = fakeApi();
    const store = createSnapshotStore(fake.api);
    const pushed = snapshot([view(role('a'), { state: 'active' })]);
    fake.push(pushed);
    fake.answer(snapshot([view(role('a'))]));
    await tick();
    expect(store.get().snapshot?.roles[0]?.state).toBe('active');
  });

  it('notifies subscribers and calls onFirstSnapshot once', async () => {
    const fake = fakeApi();
    let first = 0;
    const store = createSnapshotStore(fake.api, () => first++);
    let notified = 0;
    store.subscribe(() => notified++);
    fake.answer(snapshot([]));
    await tick();
    fake.push(snapshot([view(role('a'))]));
    expect(notified).toBe(2);
    expect(first).toBe(1);
    store.dispose();
    expect(fake.subscribed()).toBe(false);
  });

  it("reports the engine's message when the first fetch fails", async () => {
    const fake = fakeApi();
    const store = createSnapshotStore(fake.api);
    fake.fail(new Error("Error invoking remote method 'snapshot:get': Error: catalog unreadable"));
    await tick();
    expect(store.get()).toEqual({ loadError: 'catalog unreadable' });
  });
});

describe('reuseUnchanged', () => {
  it('keeps the previous object for every role view that did not change', () => {
    const before = snapshot([view(role('a')), view(role('b', { tags: ['x'] }))]);
    const after = snapshot([
      view(role('a'), { state: 'active', expiresAt: 5 }),
      view(role('b', { tags: ['x'] })),
      view(role('c')),
    ]);
    const merged = reuseUnchanged(before, after);
    expect(merged.roles[0]).toBe(after.roles[0]);
    expect(merged.roles[1]).toBe(before.roles[1]);
    expect(merged.roles[2]).toBe(after.roles[2]);
    expect(merged.settings).toBe(after.settings);
  });

  it('notices nested changes (tags, source, error)', () => {
    const before = snapshot([view(role('a', { tags: ['x'] }))]);
    const tagged = snapshot([view(role('a', { tags: ['y'] }))]);
    expect(reuseUnchanged(before, tagged).roles[0]).toBe(tagged.roles[0]);
    const failed = snapshot([
      view(role('a', { tags: ['x'] }), { error: { kind: 'retryable', code: 'T', message: 'm' } }),
    ]);
    expect(reuseUnchanged(before, failed).roles[0]).toBe(failed.roles[0]);
  });

  it('returns the new snapshot itself when nothing could be reused', () => {
    const next = snapshot([view(role('a'))]);
    expect(reuseUnchanged(undefined, next)).toBe(next);
    expect(reuseUnchanged(snapshot([]), next)).toBe(next);
  });
});
