import { describe, expect, it } from 'vitest';
import { adminRequest, explainError, type ErrorContext } from '../../../shared/explain-error';
import type { RoleSource, SessionErrorView } from '../../../shared/model';

const ROLE_ARN = 'arn:aws:iam::210987654321:role/Locked';
const CALLER = 'arn:aws:iam::123456789012:user/dev';

function context(source: RoleSource, extra: Partial<ErrorContext['role']> = {}): ErrorContext {
  return { role: { label: 'Locked', roleArn: ROLE_ARN, source, ...extra } };
}
const PROFILE = context({ kind: 'profile', profile: 'source' });

function error(code: string, message: string, kind: SessionErrorView['kind'] = 'needs-user') {
  return { kind, code, message } as const;
}

describe('explainError', () => {
  it('AccessDenied on AssumeRole names the trust policy and the caller AWS named', () => {
    const aws = `AccessDenied: User: ${CALLER} is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`;
    const said = explainError(error('AccessDenied', aws), PROFILE);
    expect(said.sentence).toBe(
      `The trust policy of role Locked does not let ${CALLER} assume it (or the role does not exist).`,
    );
    expect(said.action).toEqual({ kind: 'copy-for-admin', label: 'Copy your ARN for the admin' });
    expect(said.callerArn).toBe(CALLER);
    expect(said.detail).toBe(aws);
    expect(adminRequest(PROFILE, said)).toBe(
      `Please allow ${CALLER} to assume ${ROLE_ARN} (add it to the role's trust policy). AWS said: ${aws}`,
    );
  });

  it('AccessDenied without a caller in the message names the source instead', () => {
    const said = explainError(error('AccessDenied', 'AccessDenied: denied'), PROFILE);
    expect(said.sentence).toContain('does not let the identity of profile source assume it');
    expect(said.callerArn).toBeUndefined();
  });

  it('a refused MFA code asks for the next one', () => {
    const said = explainError(
      error(
        'AccessDenied',
        'AccessDenied: MultiFactorAuthentication failed with invalid MFA one time pass code.',
      ),
      PROFILE,
    );
    expect(said.sentence).toBe('The MFA code was not accepted.');
    expect(said.action?.label).toBe('Re-enter MFA code');
  });

  it.each([
    [
      { kind: 'sso', session: 'corp', accountId: '210987654321', roleName: 'Admin' },
      {},
      'Sign in again',
      /sign-in to Identity Center session corp has expired/,
    ],
    [
      { kind: 'profile', profile: 'source' },
      { mfaSerial: 'arn:aws:iam::1:mfa/me' },
      'Re-enter MFA code',
      /MFA session of profile source has expired/,
    ],
    [
      { kind: 'profile', profile: 'temp' },
      {},
      'Retry',
      /temporary keys of profile temp have expired/,
    ],
    [{ kind: 'role', roleId: 'x' }, {}, 'Activate again', /session of role Base has expired/],
  ] as const)('ExpiredToken fits the source (%j)', (source, extra, label, sentence) => {
    const ctx = { ...context(source as RoleSource, extra), sourceRoleLabel: 'Base' };
    const said = explainError(
      error('ExpiredToken', 'ExpiredToken: The security token included in the request is expired'),
      ctx,
    );
    expect(said.sentence).toMatch(sentence);
    expect(said.action?.label).toBe(label);
  });

  it('InvalidClientTokenId and SignatureDoesNotMatch say which profile or keychain entry to fix', () => {
    const bad = explainError(
      error(
        'InvalidClientTokenId',
        'InvalidClientTokenId: The security token included in the request is invalid',
      ),
      PROFILE,
    );
    expect(bad.sentence).toBe('The access key is wrong or was deleted (profile source).');
    expect(bad.fix).toBe('Put working keys in profile source (~/.aws/credentials), then retry.');
    const keys = explainError(
      error(
        'SignatureDoesNotMatch',
        'SignatureDoesNotMatch: The request signature we calculated does not match',
      ),
      context({ kind: 'keys', name: 'laptop' }),
    );
    expect(keys.sentence).toBe(
      'The secret access key does not match its access key (keychain keys laptop).',
    );
    expect(keys.fix).toBe('Store working keys with `switchyard keys set laptop`, then retry.');
  });

  it('RegionDisabled names the region and how to enable it or pick another', () => {
    const said = explainError(
      error(
        'RegionDisabledException',
        'RegionDisabledException: STS is not activated in this region for account:210987654321.',
        'invalid-request',
      ),
      context({ kind: 'profile', profile: 'source' }, { region: 'ap-east-1' }),
    );
    expect(said.sentence).toBe('STS is not enabled in ap-east-1 for this account.');
    expect(said.fix).toMatch(/^Enable ap-east-1 in the account's settings/);
    expect(said.action).toEqual({ kind: 'edit-role', label: 'Pick another region' });
  });

  it.each([
    [
      '20261206T170000Z is now earlier than 20261206T171500Z (20261206T172000Z - 15 min.)',
      '20 minutes behind',
    ],
    [
      '20261206T174000Z is now earlier than 20261206T170500Z (20261206T171000Z - 15 min.)',
      '30 minutes ahead',
    ],
  ])('clock skew says how far off the clock is (%s)', (times, off) => {
    const said = explainError(
      error('SignatureDoesNotMatch', `SignatureDoesNotMatch: Signature expired: ${times}`),
      PROFILE,
    );
    expect(said.sentence).toBe(`This computer’s clock is ${off}, so AWS refused the request.`);
  });

  it('RequestTimeTooSkewed without times still blames the clock', () => {
    const said = explainError(
      error('RequestTimeTooSkewed', 'RequestTimeTooSkewed: too large'),
      PROFILE,
    );
    expect(said.sentence).toMatch(/clock is more than 15 minutes off/);
  });

  it('anything else is AWS’s message itself, with no action', () => {
    const said = explainError(
      error('ProfileRefused', 'profile Locked holds long-term keys'),
      PROFILE,
    );
    expect(said).toEqual({
      sentence: 'profile Locked holds long-term keys',
      fix: '',
      detail: 'profile Locked holds long-term keys',
    });
  });
});
