import { describe, expect, it } from 'vitest';
import { summarize } from '../../../renderer/src/glance/glance-summary';
import { lapseText, renewalText } from '../../../shared/renewal-text';
import { role, view } from './fixtures';

describe('summarize', () => {
  it('counts live (active, refreshing) and needs-you roles, and finds the first live expiry', () => {
    const summary = summarize([
      view(role('a'), { state: 'active', expiresAt: 5_000 }),
      view(role('b'), { state: 'refreshing', expiresAt: 3_000 }),
      view(role('c'), { state: 'activating' }),
      view(role('d'), { state: 'needs-mfa' }),
      view(role('e'), { state: 'needs-sign-in' }),
      view(role('f'), {
        state: 'error',
        error: { kind: 'needs-user', code: 'AccessDenied', message: 'no' },
      }),
      // An expired session is no live expiry.
      view(role('g'), { state: 'expired', expiresAt: 1_000 }),
      view(role('h')),
    ]);
    expect(summary).toEqual({ live: 2, needsYou: 3, nextExpiry: { roleId: 'b', at: 3_000 } });
  });

  it('has no expiry when nothing is live', () => {
    expect(summarize([view(role('a'))])).toEqual({ live: 0, needsYou: 0 });
  });
});

describe('lapseText', () => {
  it('says when, in local clock time, and why', () => {
    const at = new Date(2026, 0, 2, 14, 5).getTime();
    expect(lapseText(at, 'mfa')).toBe('lapses 14:05 (MFA)');
    expect(lapseText(at, 'chained')).toBe('lapses 14:05 (chained)');
    expect(lapseText(new Date(2026, 0, 2, 9, 0).getTime(), 'no-refresher')).toBe(
      'lapses 09:00 (not renewed)',
    );
    expect(lapseText(at, 'sign-in')).toBe('lapses 14:05 (sign-in)');
    expect(renewalText({ kind: 'renews' })).toBe('renews itself');
    expect(renewalText({ kind: 'lapses', at, reason: 'mfa' })).toBe('lapses 14:05 (MFA)');
  });
});
