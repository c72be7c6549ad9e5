import { describe, expect, it } from 'vitest';
import { exitWhenFlushed, type FlushableStream } from '../../../electron/cli/exit-when-flushed';

/** A stream whose writes complete only when the test says so, as a slow pipe's do. */
function slowStream(): FlushableStream & { written: string[]; finish(error?: Error): void } {
  const pending: ((error?: Error | null) => void)[] = [];
  return {
    written: [],
    write(chunk, callback) {
      this.written.push(chunk);
      pending.push(callback);
      return false;
    },
    finish(error) {
      for (const callback of pending.splice(0)) callback(error);
    },
  };
}

describe('exitWhenFlushed', () => {
  it('exits only once every stream has handed on what was written before', async () => {
    const out = slowStream();
    const err = slowStream();
    let exits = 0;
    const done = exitWhenFlushed([out, err], () => (exits += 1));
    expect(out.written).toEqual(['']);
    expect(err.written).toEqual(['']);
    out.finish();
    await Promise.resolve();
    expect(exits).toBe(0);
    err.finish();
    await done;
    expect(exits).toBe(1);
  });

  it('exits when a stream can no longer be written (a closed pipe)', async () => {
    const out = slowStream();
    let exits = 0;
    const done = exitWhenFlushed([out], () => (exits += 1));
    out.finish(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    await done;
    expect(exits).toBe(1);
  });

  it('exits at once with nothing to wait for', async () => {
    let exits = 0;
    await exitWhenFlushed([], () => (exits += 1));
    expect(exits).toBe(1);
  });
});
