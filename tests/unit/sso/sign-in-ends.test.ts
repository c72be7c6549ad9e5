import { describe, expect, it } from 'vitest';
import { SignInEnds } from '../../../electron/core/sso/sign-in-ends';

describe('SignInEnds', () => {
  it('keeps the latest time per session and tells only of changes', () => {
    const ends = new SignInEnds();
    let told = 0;
    const stop = ends.onChange(() => told++);
    expect(ends.get('corp')).toBeUndefined();
    ends.saw('corp', 1_000);
    ends.saw('corp', 1_000);
    ends.saw('lab', 5_000);
    expect([ends.get('corp'), ends.get('lab'), told]).toEqual([1_000, 5_000, 2]);
    // Signed in again: a later time (or an earlier one: the new token may not refresh).
    ends.saw('corp', 500);
    expect([ends.get('corp'), told]).toEqual([500, 3]);
    stop();
    ends.saw('corp', 9_000);
    expect(told).toBe(3);
  });
});
