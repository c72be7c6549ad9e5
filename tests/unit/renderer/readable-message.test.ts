import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../renderer/src/bridge/error-message';
import { readableMessage, underField } from '../../../renderer/src/bridge/readable-message';

describe("the tray's words for the engine's messages", () => {
  it('says a setting by its label and in the unit of its field', () => {
    expect(
      readableMessage(
        'settings.refreshMarginSeconds: 30 seconds is out of range; use 60–840 seconds (under the 15-minute shortest session)',
      ),
    ).toBe(
      'Refresh before expiry: 0.5 minutes is out of range; use 1–14 minutes (under the 15-minute shortest session)',
    );
    expect(readableMessage('settings.refreshMarginSeconds: 60 seconds is out of range; x')).toBe(
      'Refresh before expiry: 1 minute is out of range; x',
    );
    expect(
      readableMessage('settings.auditRetentionMonths: 0 months is out of range; use 1–120 months'),
    ).toBe('Keep activity: 0 months is out of range; use 1–120 months');
  });

  it('drops role ids and says a vanished role in words', () => {
    expect(
      readableMessage(
        'profile: "prod" is already written by "Prod admin" (id e22g8tph); choose another',
      ),
    ).toBe('profile: "prod" is already written by "Prod admin"; choose another');
    expect(readableMessage('role id: is not a role in the catalog; x')).toBe(
      'That role is no longer in the catalog; pick it again from the list.',
    );
  });

  it('errorMessage unwraps IPC and applies the same words', () => {
    const ipc = new Error(
      "Error invoking remote method 'settings:update': InputError: settings.shortcut: is empty; use an Electron accelerator",
    );
    expect(errorMessage(ipc)).toBe('Open shortcut: is empty; use an Electron accelerator');
  });

  it('under a labelled field, the field name prefix goes', () => {
    expect(underField('color: "zz" is not a colour; use RRGGBB')).toBe(
      '"zz" is not a colour; use RRGGBB',
    );
    expect(underField('role ARN: is missing; paste it')).toBe('Is missing; paste it');
    expect(underField('tags[2]: "a" appears twice')).toBe('"a" appears twice');
    expect(underField('No prefix here')).toBe('No prefix here');
  });
});
