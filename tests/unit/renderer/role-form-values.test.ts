import { describe, expect, it } from 'vitest';
import {
  EMPTY_VALUES,
  fieldOfMessage,
  formProblems,
  suggestProfile,
  toRoleForm,
  valuesFromRole,
  type RoleFormValues,
} from '../../../renderer/src/forms/role-form-values';
import { role } from './fixtures';

const valid: RoleFormValues = {
  ...EMPTY_VALUES,
  label: ' Prod admin ',
  roleArn: 'arn:aws:iam::210987654321:role/Admin',
  profile: 'prod-admin',
  sourceProfile: 'source',
};

describe('formProblems', () => {
  it('is empty for a valid form with only the required fields', () => {
    expect(formProblems(valid)).toEqual({});
  });

  it("uses the shared validators' messages, with the engine's field names", () => {
    const problems = formProblems({
      ...valid,
      roleArn: 'arn:aws:iam::210987654321:user/bob',
      profile: 'has space',
      region: 'us-east-1 ',
      duration: '60',
      color: 'purple',
      tags: 'a, A',
    });
    expect(problems.roleArn).toMatch(/^role ARN: .* is an IAM user, not a role/);
    expect(problems.profile).toMatch(/^profile: "has space" contains a space/);
    expect(problems.region).toMatch(/^region: contains a space/);
    expect(problems.duration).toMatch(/^duration: 60 seconds is less than 15 minutes/);
    expect(problems.color).toMatch(/^color: "purple" is not a color/);
    expect(problems.tags).toBe('tags: "A" appears twice; keep one of them');
  });

  it('checks only the source detail that the chosen kind uses', () => {
    expect(formProblems({ ...valid, sourceProfile: '' }).sourceProfile).toMatch(
      /^source profile: is empty/,
    );
    expect(formProblems({ ...valid, sourceKind: 'default', sourceProfile: '' })).toEqual({});
    expect(formProblems({ ...valid, sourceKind: 'role' }).sourceRoleId).toMatch(/^source role:/);
  });
});

describe('toRoleForm', () => {
  it('normalises and leaves unset optionals out', () => {
    expect(toRoleForm(valid)).toEqual({
      label: 'Prod admin',
      roleArn: 'arn:aws:iam::210987654321:role/Admin',
      profile: 'prod-admin',
      source: { kind: 'profile', profile: 'source' },
      tags: [],
    });
  });

  it('converts duration, colour names and tags', () => {
    const form = toRoleForm({ ...valid, duration: '3600', color: 'Blue', tags: 'prod, , ops ' });
    expect(form).toMatchObject({ durationSeconds: 3600, color: '83d4e8', tags: ['prod', 'ops'] });
  });

  it('round-trips a catalog entry through the form', () => {
    const entry = role('x', {
      label: 'X',
      source: { kind: 'keys', name: 'laptop' },
      region: 'eu-west-1',
      durationSeconds: 7200,
      externalId: 'ext-123',
      sessionName: 'me',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/me',
      color: 'f2b0a9',
      group: 'prod',
      tags: ['a', 'b'],
      console: { browser: 'chromium', profileDirectory: 'Profile 2' },
    });
    const { id, ...rest } = entry;
    expect(id).toBe('x'); // the form never carries the id: the catalog owns it
    expect(toRoleForm(valuesFromRole(entry))).toEqual(rest);
  });
});

describe('the console browser fields', () => {
  it('checks the browser and the profile folder as the catalog does', () => {
    const problems = formProblems({ ...valid, consoleBrowser: 'firefox', consoleProfile: '../x' });
    expect(problems.consoleBrowser).toMatch(/^console browser: plain firefox .*firefox-container/);
    expect(problems.consoleProfile).toMatch(/^profile directory: "..\/x" is not a profile folder/);
    expect(formProblems({ ...valid, consoleBrowser: '/opt/b/chrome' })).toEqual({});
  });

  it('sends a browser only when one is set, and maps engine errors back to it', () => {
    expect(toRoleForm(valid)).not.toHaveProperty('console');
    expect(toRoleForm({ ...valid, consoleBrowser: 'edge ' }).console).toEqual({ browser: 'edge' });
    expect(fieldOfMessage('console browser: edge was not found; install it')).toBe(
      'consoleBrowser',
    );
  });
});

describe('fieldOfMessage', () => {
  it('maps an engine InputError back to the form field it names', () => {
    expect(fieldOfMessage('profile: "x" is already written by role "y"; choose another')).toBe(
      'profile',
    );
    expect(fieldOfMessage('role ARN: is empty; use …')).toBe('roleArn');
    expect(fieldOfMessage('keychain source: no keys named "z"')).toBe('sourceKeys');
    expect(fieldOfMessage('tags[2]: is empty; enter 1–64 characters')).toBe('tags');
    expect(fieldOfMessage('something else went wrong')).toBeUndefined();
  });
});

describe('suggestProfile', () => {
  it('turns a label into a profile name the SDKs accept', () => {
    expect(suggestProfile('Prod admin (EU)')).toBe('prod-admin-eu');
    expect(suggestProfile('  ')).toBe('');
  });
});
