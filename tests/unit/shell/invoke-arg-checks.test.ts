import { describe, expect, it } from 'vitest';

import { checkInvokeArgs } from '../../../electron/main/invoke-arg-checks';
import {
  checkRoleForm,
  checkSettingsPatch,
  IpcArgumentError,
  MAX_TEXT_LENGTH,
} from '../../../electron/main/ipc-arg-checks';
import { INVOKE_CHANNELS, type InvokeChannel, type RoleForm } from '../../../shared/ipc-contract';
import { roleView, snapshotOf } from './shell-fixtures';

const snapshot = snapshotOf([roleView('prod'), roleView('dev')], {
  mfaPrompts: [{ sourceKey: 'login', mfaSerial: 'arn:aws:iam::1:mfa/u', waitingRoleIds: ['prod'] }],
});

const FORM: RoleForm = {
  label: 'Prod admin',
  roleArn: 'arn:aws:iam::123456789012:role/admin',
  profile: 'prod-admin',
  source: { kind: 'profile', profile: 'login' },
};

/** Valid arguments for every channel. */
const VALID: { [C in InvokeChannel]: unknown[] } = {
  'snapshot:get': [],
  'role:activate': ['prod'],
  'role:deactivate': ['prod'],
  'role:refresh': [null],
  'role:set-default': ['dev'],
  'role:open-console': ['prod', 'federated'],
  'role:open-console-at': ['prod', 'switch-role', 'ec2'],
  'role:add': [FORM],
  'role:update': ['prod', { ...FORM, tags: ['team'], durationSeconds: 3600 }],
  'role:remove': ['dev'],
  'role:copy-export': ['prod'],
  'role:copy-terminal': ['prod'],
  'role:copy-for-admin': ['prod'],
  'mfa:submit': ['login', '123456'],
  'import:preview': [],
  'import:apply': [['prod', 'dev']],
  'settings:update': [{ shortcut: 'Alt+Y', launchAtLogin: true }],
  'account:update': ['111122223333', { alias: 'acme-prod', color: null }],
  'popup:hide': [],
  'activity:recent': [],
  'profiles:sources': [],
  'sso:sessions': [],
  'sso:progress': [],
  'sso:sign-in': [
    {
      kind: 'start-url',
      startUrl: 'https://d-1.awsapps.com/start',
      region: 'us-east-1',
      flow: 'pkce',
    },
  ],
  'sso:cancel': [],
  'sso:open-verification': [],
  'sso:sync': ['corp'],
  'sso:sign-out': ['corp'],
  'subscriptions:list': [],
  'subscriptions:add': [{ source: 'https://roles.example.com/catalog.json', every: '1h' }],
  'subscriptions:sync': ['platform', false],
};

function rejects(channel: InvokeChannel, args: unknown[]): string {
  try {
    checkInvokeArgs(channel, args, snapshot);
  } catch (error) {
    expect(error).toBeInstanceOf(IpcArgumentError);
    return (error as Error).message;
  }
  throw new Error(`${channel} accepted ${JSON.stringify(args)}`);
}

describe('checkInvokeArgs', () => {
  it.each(INVOKE_CHANNELS)('%s accepts well-formed arguments', (channel) => {
    expect(checkInvokeArgs(channel, VALID[channel], snapshot)).toEqual(VALID[channel]);
  });

  it.each(INVOKE_CHANNELS)('%s refuses a wrong number of arguments', (channel) => {
    expect(rejects(channel, [...VALID[channel], 'extra'])).toMatch(/takes \d argument/);
    if (VALID[channel].length > 0) rejects(channel, VALID[channel].slice(1));
  });

  it('refuses a channel that is not in the contract', () => {
    expect(() => checkInvokeArgs('shell:exec' as InvokeChannel, [], snapshot)).toThrow(
      IpcArgumentError,
    );
    expect(() => checkInvokeArgs('__proto__' as InvokeChannel, [], snapshot)).toThrow(
      IpcArgumentError,
    );
  });

  it.each([
    ['role:activate', ['nope']],
    ['role:activate', [42]],
    ['role:activate', [{ toString: () => 'prod' }]],
    ['role:activate', [null]],
    ['role:deactivate', ['PROD']],
    ['role:refresh', ['missing']],
    ['role:refresh', [undefined]],
    ['role:set-default', [['prod']]],
    ['role:remove', ['']],
    ['role:copy-export', ['missing']],
    ['role:copy-terminal', ['missing']],
    ['role:copy-for-admin', ['missing']],
    ['role:update', ['missing', FORM]],
    ['role:open-console', ['missing', 'federated']],
  ] as const)('%s refuses unknown or malformed role ids: %j', (channel, args) => {
    expect(rejects(channel, [...args])).toContain(channel);
  });

  it('refuses console modes outside the contract', () => {
    expect(rejects('role:open-console', ['prod', 'javascript'])).toMatch(/console mode/);
    expect(rejects('role:open-console', ['prod', undefined])).toMatch(/console mode/);
  });

  it('accepts MFA codes only for a source that is waiting for one, as text', () => {
    expect(rejects('mfa:submit', ['other', '123456'])).toMatch(/not waiting/);
    expect(rejects('mfa:submit', ['login', 123456])).toMatch(/MFA code must be text/);
  });

  it('never echoes the offending value (it may be a pasted secret)', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    expect(rejects('role:activate', [secret])).not.toContain(secret);
    expect(rejects('role:add', [{ ...FORM, secretAccessKey: secret }])).not.toContain(secret);
  });

  it('takes the ticked import profiles as a list of text, or null for all', () => {
    expect(checkInvokeArgs('import:apply', [null], snapshot)).toEqual([null]);
    expect(rejects('import:apply', ['prod'])).toMatch(/import profiles must be a list of text/);
    expect(rejects('import:apply', [[42]])).toMatch(/must be text/);
  });

  it('caps text length', () => {
    expect(rejects('mfa:submit', ['login', 'x'.repeat(MAX_TEXT_LENGTH + 1)])).toMatch(/at most/);
  });
});

describe('checkRoleForm', () => {
  it('keeps every known field and returns a fresh object', () => {
    const full: RoleForm = {
      ...FORM,
      source: { kind: 'role', roleId: 'dev' },
      externalId: 'ext',
      sessionName: 'me',
      durationSeconds: 3600,
      region: 'eu-west-1',
      mfaSerial: 'arn:aws:iam::1:mfa/u',
      color: 'ff0000',
      group: 'prod',
      tags: ['a', 'b'],
    };
    const checked = checkRoleForm(full, snapshot);
    expect(checked).toEqual(full);
    expect(checked).not.toBe(full);
  });

  it('accepts every source kind with its own field only', () => {
    for (const source of [
      { kind: 'profile', profile: 'p' },
      { kind: 'role', roleId: 'prod' },
      { kind: 'keys', name: 'me' },
      { kind: 'default' },
      { kind: 'sso', session: 'work', accountId: '123456789012', roleName: 'Admin' },
    ] as const) {
      expect(checkRoleForm({ ...FORM, source }, snapshot).source).toEqual(source);
    }
  });

  it.each([
    ['not an object', 'form'],
    ['an array', [FORM]],
    ['null', null],
    ['a class instance', new (class Form {})()],
    ['an unknown field', { ...FORM, id: 'chosen-by-me' }],
    ['an unknown field named __proto__', JSON.parse(`{"__proto__": {"x": 1}, "label": "a"}`)],
    ['a missing required field', { ...FORM, roleArn: undefined }],
    ['a number for text', { ...FORM, label: 5 }],
    ['text for a number', { ...FORM, durationSeconds: '3600' }],
    ['a non-finite number', { ...FORM, durationSeconds: Number.POSITIVE_INFINITY }],
    ['null for an optional field', { ...FORM, region: null }],
    ['tags that are not a list', { ...FORM, tags: 'a,b' }],
    ['tags that are not text', { ...FORM, tags: ['a', 2] }],
    ['an unknown source kind', { ...FORM, source: { kind: 'saml', startUrl: 'x' } }],
    [
      'an sso source with a start URL',
      {
        ...FORM,
        source: { kind: 'sso', session: 'w', accountId: '1', roleName: 'A', startUrl: 'x' },
      },
    ],
    [
      'an sso source without its role',
      { ...FORM, source: { kind: 'sso', session: 'w', accountId: '1' } },
    ],
    [
      'an sso source with a number for the account',
      { ...FORM, source: { kind: 'sso', session: 'w', accountId: 123456789012, roleName: 'A' } },
    ],
    ['a source with an extra field', { ...FORM, source: { kind: 'default', profile: 'x' } }],
    [
      'a source role that is not in the catalog',
      { ...FORM, source: { kind: 'role', roleId: 'x' } },
    ],
    ['a source without its field', { ...FORM, source: { kind: 'keys' } }],
  ])('refuses %s', (_what, value) => {
    expect(() => checkRoleForm(value, snapshot)).toThrow(IpcArgumentError);
  });
});

describe('checkSettingsPatch', () => {
  it('accepts any subset of the settings with the right types', () => {
    expect(checkSettingsPatch({})).toEqual({});
    const all = {
      refreshMarginSeconds: 300,
      removeExpiredProfiles: false,
      launchAtLogin: true,
      shortcut: 'Alt+Shift+S',
    };
    expect(checkSettingsPatch(all)).toEqual(all);
  });

  it.each([
    ['an unknown setting', { theme: 'dark' }],
    ['a string for a number', { refreshMarginSeconds: '300' }],
    ['a number for a boolean', { launchAtLogin: 1 }],
    ['a list for a string', { shortcut: ['Alt', 'Y'] }],
    ['not an object', 'launchAtLogin=true'],
  ])('refuses %s', (_what, value) => {
    expect(() => checkSettingsPatch(value)).toThrow(IpcArgumentError);
  });
});
