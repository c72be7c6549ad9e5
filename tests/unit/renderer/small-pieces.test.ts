import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../renderer/src/bridge/error-message';
import { errorLine, errorText } from '../../../renderer/src/roles/error-text';
import { changedFields } from '../../../renderer/src/import/changed-fields';
import { describeMfaSource } from '../../../renderer/src/mfa/mfa-source';
import { isSessionOn, stateText } from '../../../renderer/src/roles/role-state';
import { settingsPatch } from '../../../renderer/src/settings/settings-patch';
import { DEFAULT_SETTINGS, type SessionState } from '../../../shared/model';
import { role } from './fixtures';

describe('errorMessage', () => {
  it("strips Electron's invoke wrapper and the error class", () => {
    expect(
      errorMessage(
        new Error(
          "Error invoking remote method 'role:add': InputError: profile: is empty; enter a name",
        ),
      ),
    ).toBe('profile: is empty; enter a name');
    expect(errorMessage(new Error('plain words'))).toBe('plain words');
    expect(errorMessage('a string')).toBe('a string');
  });
});

describe('role state', () => {
  it('Enter switches off only what is on; failed and expired roles retry', () => {
    const on: SessionState[] = ['activating', 'active', 'refreshing', 'needs-mfa'];
    const off: SessionState[] = ['inactive', 'expired', 'error'];
    expect(on.map(isSessionOn)).toEqual([true, true, true, true]);
    expect(off.map(isSessionOn)).toEqual([false, false, false]);
    expect(stateText('needs-mfa')).toBe('needs MFA');
  });
});

describe('describeMfaSource', () => {
  it('names the source identity in words', () => {
    expect(describeMfaSource('profile:ops')).toBe('profile ops');
    expect(describeMfaSource('keys:ci:user')).toBe('keychain keys ci:user');
    expect(describeMfaSource('default')).toBe('your default credentials');
  });
});

describe('changedFields', () => {
  it('lists what a re-import changes', () => {
    const before = role('a', { region: 'eu-west-1' });
    const after = role('a', { region: 'eu-central-1', externalId: 'x' });
    expect(changedFields(before, after)).toEqual(['region', 'external ID']);
  });
});

describe('settingsPatch', () => {
  const draft = {
    marginMinutes: '10',
    removeExpiredProfiles: true,
    launchAtLogin: false,
    shortcut: DEFAULT_SETTINGS.shortcut,
    auditMonths: '12',
  };

  it('sends only what changed, the margin in seconds', () => {
    expect(settingsPatch(DEFAULT_SETTINGS, draft)).toEqual({ ok: true, patch: {} });
    expect(
      settingsPatch(DEFAULT_SETTINGS, { ...draft, marginMinutes: '2.5', launchAtLogin: true }),
    ).toEqual({ ok: true, patch: { refreshMarginSeconds: 150, launchAtLogin: true } });
  });

  it('refuses a margin that is not a number of minutes', () => {
    expect(settingsPatch(DEFAULT_SETTINGS, { ...draft, marginMinutes: '10m' })).toMatchObject({
      ok: false,
    });
  });

  it('sends the months of activity kept, and refuses what is not a whole number', () => {
    expect(settingsPatch(DEFAULT_SETTINGS, { ...draft, auditMonths: ' 24 ' })).toEqual({
      ok: true,
      patch: { auditRetentionMonths: 24 },
    });
    expect(settingsPatch(DEFAULT_SETTINGS, { ...draft, auditMonths: '1.5' })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^keep activity: /),
    });
  });
});

describe('errorText', () => {
  it("shows AWS's code once", () => {
    const denied = {
      kind: 'needs-user',
      code: 'AccessDenied',
      message: 'AccessDenied: no',
    } as const;
    expect(errorLine(denied)).toBe('AccessDenied: no');
    expect(errorText({ ...denied, message: 'Rate exceeded' })).toEqual({
      code: 'AccessDenied',
      message: 'Rate exceeded',
    });
  });
});
