import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../shared/model';
import {
  stateAnnouncement,
  stateAnnouncements,
} from '../../../renderer/src/keys/state-announcements';
import { role, view } from './fixtures';

const admin = role('admin', { label: 'Prod admin' });

describe('stateAnnouncement', () => {
  it('says the outcome of an activation, a retry, a deactivation and a failure', () => {
    expect(stateAnnouncement('activating', view(admin, { state: 'active' }))).toBe(
      'Prod admin is active',
    );
    expect(stateAnnouncement('error', view(admin, { state: 'active' }))).toBe(
      'Prod admin is active',
    );
    expect(stateAnnouncement('active', view(admin, { state: 'inactive' }))).toBe(
      'Prod admin is off',
    );
    expect(
      stateAnnouncement(
        'activating',
        view(admin, {
          state: 'error',
          error: {
            kind: 'needs-user',
            code: 'AccessDenied',
            message: 'not authorized to perform sts:AssumeRole',
          },
        }),
      ),
    ).toBe('Prod admin failed: AccessDenied: not authorized to perform sts:AssumeRole');
    expect(stateAnnouncement('activating', view(admin, { state: 'needs-mfa' }))).toBe(
      'Prod admin needs an MFA code',
    );
  });

  it('stays quiet for steps, the quiet refresh, no change and the first sight of a role', () => {
    const quiet: [SessionState | undefined, SessionState][] = [
      ['inactive', 'activating'],
      ['active', 'refreshing'],
      ['refreshing', 'active'],
      ['active', 'active'],
      [undefined, 'active'],
      ['activating', 'inactive'],
    ];
    for (const [before, state] of quiet) {
      expect(stateAnnouncement(before, view(admin, { state }))).toBeUndefined();
    }
  });

  it('lists every change of a snapshot in list order', () => {
    const dev = role('dev', { label: 'Dev' });
    const before = new Map<string, SessionState>([
      ['admin', 'activating'],
      ['dev', 'active'],
    ]);
    expect(
      stateAnnouncements(before, [
        view(admin, { state: 'active' }),
        view(dev, { state: 'expired' }),
      ]),
    ).toEqual(['Prod admin is active', 'Dev expired']);
  });
});
