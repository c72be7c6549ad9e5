import { describe, expect, it } from 'vitest';

import {
  expiringThresholdMs,
  nextTrayStateChange,
  REFRESH_GRACE_MS,
  trayState,
  trayTooltip,
} from '../../../electron/main/tray-state';
import { DEFAULT_SETTINGS } from '../../../shared/model';
import { HOUR, MIN, roleView, snapshotOf, T0 } from './shell-fixtures';

const MARGIN = DEFAULT_SETTINGS.refreshMarginSeconds * 1000;

describe('trayState', () => {
  it('is idle with no roles, or only inactive ones', () => {
    expect(trayState(snapshotOf([]), T0)).toBe('idle');
    expect(trayState(snapshotOf([roleView('a'), roleView('b')]), T0)).toBe('idle');
  });

  it('is fresh when every live session is well before its refresh margin', () => {
    const snapshot = snapshotOf([
      roleView('a', { state: 'active', expiresAt: T0 + HOUR }),
      roleView('b', { state: 'activating' }),
      roleView('c'),
    ]);
    expect(trayState(snapshot, T0)).toBe('fresh');
  });

  it('turns expiring once a session is inside its margin by more than the grace, not before', () => {
    const expiresAt = T0 + HOUR;
    const snapshot = snapshotOf([roleView('a', { state: 'active', expiresAt })]);
    const threshold = MARGIN - REFRESH_GRACE_MS;
    expect(expiringThresholdMs(snapshot)).toBe(threshold);
    expect(trayState(snapshot, expiresAt - MARGIN)).toBe('fresh');
    expect(trayState(snapshot, expiresAt - threshold - 1)).toBe('fresh');
    expect(trayState(snapshot, expiresAt - threshold)).toBe('expiring');
  });

  it('a session being refreshed is not "expiring"', () => {
    const snapshot = snapshotOf([roleView('a', { state: 'refreshing', expiresAt: T0 + MIN })]);
    expect(trayState(snapshot, T0)).toBe('fresh');
  });

  it('keeps half the margin as the threshold when the margin is short', () => {
    const snapshot = snapshotOf([], {
      settings: { ...DEFAULT_SETTINGS, refreshMarginSeconds: 40 },
    });
    expect(expiringThresholdMs(snapshot)).toBe(20_000);
  });

  it.each(['needs-mfa', 'error', 'expired'] as const)('%s asks for attention', (state) => {
    const snapshot = snapshotOf([
      roleView('ok', { state: 'active', expiresAt: T0 + HOUR }),
      roleView('bad', { state }),
    ]);
    expect(trayState(snapshot, T0)).toBe('attention');
  });

  it('an MFA prompt, or an error that needs the user on a live session, asks for attention', () => {
    const prompt = { sourceKey: 'login', mfaSerial: 'arn:aws:iam::1:mfa/u', waitingRoleIds: ['a'] };
    expect(trayState(snapshotOf([roleView('a')], { mfaPrompts: [prompt] }), T0)).toBe('attention');
    const needsUser = roleView('a', {
      state: 'active',
      expiresAt: T0 + HOUR,
      error: { kind: 'needs-user', code: 'AccessDenied', message: 'denied' },
    });
    expect(trayState(snapshotOf([needsUser]), T0)).toBe('attention');
  });

  it('a retryable error on a live session is not attention by itself', () => {
    const retrying = roleView('a', {
      state: 'active',
      expiresAt: T0 + HOUR,
      error: { kind: 'retryable', code: 'Throttling', message: 'Rate exceeded', retryAt: T0 + MIN },
    });
    expect(trayState(snapshotOf([retrying]), T0)).toBe('fresh');
  });
});

describe('nextTrayStateChange', () => {
  it('is the earliest moment a live session crosses its threshold or expires', () => {
    const snapshot = snapshotOf([
      roleView('a', { state: 'active', expiresAt: T0 + 2 * HOUR }),
      roleView('b', { state: 'active', expiresAt: T0 + HOUR }),
      roleView('c', { state: 'expired', expiresAt: T0 + 10 * MIN }),
    ]);
    const threshold = expiringThresholdMs(snapshot);
    expect(nextTrayStateChange(snapshot, T0)).toBe(T0 + HOUR - threshold);
    // Past the threshold, the next change is the expiry itself.
    expect(nextTrayStateChange(snapshot, T0 + HOUR - threshold)).toBe(T0 + HOUR);
  });

  it('is undefined when nothing is pending', () => {
    expect(nextTrayStateChange(snapshotOf([roleView('a')]), T0)).toBeUndefined();
    expect(
      nextTrayStateChange(snapshotOf([roleView('a', { state: 'active' })]), T0),
    ).toBeUndefined();
  });
});

describe('trayTooltip', () => {
  it('says the state in words', () => {
    expect(trayTooltip(snapshotOf([]), T0)).toBe('Switchyard: no active session');
    const two = snapshotOf([
      roleView('a', { state: 'active', expiresAt: T0 + HOUR }),
      roleView('b', { state: 'active', expiresAt: T0 + HOUR }),
    ]);
    expect(trayTooltip(two, T0)).toBe('Switchyard: 2 active sessions');
    const soon = snapshotOf([roleView('prod', { state: 'active', expiresAt: T0 + MIN })]);
    expect(trayTooltip(soon, T0)).toBe('Switchyard: prod expires soon');
    expect(trayTooltip(snapshotOf([roleView('dev', { state: 'error' })]), T0)).toBe(
      'Switchyard: dev needs you',
    );
    const prompt = { sourceKey: 'login', mfaSerial: 'arn:aws:iam::1:mfa/u', waitingRoleIds: [] };
    expect(trayTooltip(snapshotOf([], { mfaPrompts: [prompt] }), T0)).toBe(
      'Switchyard: an MFA code is needed (login)',
    );
  });
});
