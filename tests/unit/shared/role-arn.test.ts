import { describe, expect, it } from 'vitest';

import { InputError } from '../../../shared/input-error';
import { isPartition, parseRoleArn, PARTITION_IDS } from '../../../shared/role-arn';
import { expectInputError } from './expect-input-error';

const ACCOUNT = '123456789012';

describe('parseRoleArn: valid ARNs', () => {
  it.each([
    [`arn:aws:iam::${ACCOUNT}:role/Admin`, 'aws', ACCOUNT, '/', 'Admin'],
    [`arn:aws-cn:iam::${ACCOUNT}:role/ReadOnly`, 'aws-cn', ACCOUNT, '/', 'ReadOnly'],
    [`arn:aws-us-gov:iam::${ACCOUNT}:role/Ops`, 'aws-us-gov', ACCOUNT, '/', 'Ops'],
    ['arn:aws:iam::000000000001:role/Zeroes', 'aws', '000000000001', '/', 'Zeroes'],
    [`arn:aws:iam::${ACCOUNT}:role/team/Dev`, 'aws', ACCOUNT, '/team/', 'Dev'],
    [`arn:aws:iam::${ACCOUNT}:role/a/b/c/Deep`, 'aws', ACCOUNT, '/a/b/c/', 'Deep'],
    [
      `arn:aws:iam::${ACCOUNT}:role/division_abc/subdivision_efg/roleToDoX`,
      'aws',
      ACCOUNT,
      '/division_abc/subdivision_efg/',
      'roleToDoX',
    ],
    [`arn:aws:iam::${ACCOUNT}:role/odd:path!~/R`, 'aws', ACCOUNT, '/odd:path!~/', 'R'],
    [`arn:aws:iam::${ACCOUNT}:role/w+=,.@_-X`, 'aws', ACCOUNT, '/', 'w+=,.@_-X'],
    [`arn:aws:iam::${ACCOUNT}:role/${'n'.repeat(64)}`, 'aws', ACCOUNT, '/', 'n'.repeat(64)],
    [
      `arn:aws:iam::${ACCOUNT}:role/${'p'.repeat(510)}/N`,
      'aws',
      ACCOUNT,
      `/${'p'.repeat(510)}/`,
      'N',
    ],
  ])('%s', (arn, partition, accountId, path, roleName) => {
    expect(parseRoleArn(arn)).toEqual({ arn, partition, accountId, path, roleName });
  });
});

describe('parseRoleArn: rejected input', () => {
  it.each([
    // [input, expected message fragments…]
    ['', ['is empty', 'arn:aws:iam::ACCOUNT:role/NAME']],
    [
      `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`,
      ['is a session, not a role', `use arn:aws:iam::${ACCOUNT}:role/Admin`, "role's path"],
    ],
    [
      `arn:aws-cn:sts::${ACCOUNT}:assumed-role/Ops/bob`,
      ['is a session', `use arn:aws-cn:iam::${ACCOUNT}:role/Ops`],
    ],
    [`arn:aws:sts::${ACCOUNT}:federated-user/bob`, ['STS identity, not a role']],
    [
      `arn:aws:iam::${ACCOUNT}:user/alice`,
      ['is an IAM user, not a role', `arn:aws:iam::${ACCOUNT}:role/NAME`],
    ],
    [`arn:aws:iam::${ACCOUNT}:group/devs`, ['is an IAM group, not a role']],
    [`arn:aws:iam::${ACCOUNT}:policy/ReadOnly`, ['is an IAM policy, not a role']],
    [`arn:aws:iam::${ACCOUNT}:mfa/alice`, ['is an MFA device, not a role']],
    [
      `arn:aws:iam::${ACCOUNT}:constructor/x`,
      ['resource "constructor/x" does not start with "role/"'],
    ],
    [`arn:aws:iam::${ACCOUNT}:Role/Admin`, ['does not start with "role/"']],
    [`arn:aws:iam::${ACCOUNT}:role`, ['does not start with "role/"']],
    ['arn:aws:s3:::my-bucket', ['is an ARN for "s3", not an IAM role']],
    [`arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`, ['is an ARN for "ec2"']],
    [`arn:aws::::role/Admin`, ['has no service']],
    [
      `arn:aws-iso:iam::${ACCOUNT}:role/Admin`,
      ['partition "aws-iso" is not supported', 'aws, aws-cn or aws-us-gov'],
    ],
    [`arn:AWS:iam::${ACCOUNT}:role/Admin`, ['partition "AWS" is not supported']],
    [`arn::iam::${ACCOUNT}:role/Admin`, ['has no partition']],
    [
      `arn:aws:iam:us-east-1:${ACCOUNT}:role/Admin`,
      ['has a region ("us-east-1")', 'IAM ARNs have none'],
    ],
    ['arn:aws:iam:::role/Admin', ['has no account ID', '12-digit']],
    ['arn:aws:iam::12345:role/Admin', ['account ID "12345" is not 12 digits']],
    ['arn:aws:iam::1234567890123:role/Admin', ['is not 12 digits']],
    ['arn:aws:iam::my-alias:role/Admin', ['account ID "my-alias"', 'aliases do not work']],
    [`arn:aws:iam::${ACCOUNT}:role/`, ['has no role name']],
    [`arn:aws:iam::${ACCOUNT}:role/team/`, ['has no role name']],
    [`arn:aws:iam::${ACCOUNT}:role//Admin`, ['empty path']],
    [
      `arn:aws:iam::${ACCOUNT}:role/${'n'.repeat(65)}`,
      ['role name is 65 characters long', 'at most 64'],
    ],
    [`arn:aws:iam::${ACCOUNT}:role/Ad min`, ['contains a space']],
    [`arn:aws:iam::${ACCOUNT}:role/Admin!`, ['role name "Admin!" contains "!"', '_ + = , . @ -']],
    [`arn:aws:iam::${ACCOUNT}:role/Admïn`, ['contains "ï"']],
    [`arn:aws:iam::${ACCOUNT}:role/Admin*`, ['contains "*"']],
    [
      `arn:aws:iam::${ACCOUNT}:role/my team/Admin`,
      ['path "/my team/" contains a space', 'printable ASCII'],
    ],
    [`arn:aws:iam::${ACCOUNT}:role/équipe/Admin`, ['contains "é"']],
    [
      `arn:aws:iam::${ACCOUNT}:role/${'p'.repeat(511)}/N`,
      ['path is 513 characters long', 'at most 512'],
    ],
    [` arn:aws:iam::${ACCOUNT}:role/Admin`, ['starts with a space', 'remove it']],
    [`arn:aws:iam::${ACCOUNT}:role/Admin `, ['ends with a space']],
    [`arn:aws:iam::${ACCOUNT}:role/Admin\t`, ['contains a tab']],
    [
      `arn:aws:iam::${ACCOUNT}:role/Admin\n`,
      ['contains a line break (\\n) at position 37', 'on one line'],
    ],
    [`arn:aws:iam::${ACCOUNT}:role/Ad\r\nmin`, ['carriage return']],
    [`arn:aws:iam::${ACCOUNT}:role/Admin\0`, ['NUL character']],
    [`arn:aws:iam::${ACCOUNT}:role/Ad\u200bmin`, ['invisible character (U+200B)']],
    ['Admin', ['"Admin" is a name, not an ARN', 'use arn:aws:iam::ACCOUNT:role/Admin']],
    [ACCOUNT, ['is an account ID, not a role ARN', `use arn:aws:iam::${ACCOUNT}:role/NAME`]],
    ['https://signin.aws.amazon.com/switchrole', ['is not an ARN']],
    [`ARN:aws:iam::${ACCOUNT}:role/Admin`, ['not lowercase "arn:"']],
    ['arn:aws:iam', ['incomplete']],
    [`arn:aws:iam::${ACCOUNT}:role/${'x'.repeat(2100)}`, ['over the 2048 limit']],
  ] as const)('%j', (input, fragments) => {
    expectInputError(() => parseRoleArn(input), 'role ARN', ...fragments);
  });

  it('uses the given field name', () => {
    expectInputError(() => parseRoleArn('nope!', '--role-arn'), '--role-arn', 'not an ARN');
  });

  it('rejects non-strings from untyped callers', () => {
    expectInputError(
      () => parseRoleArn(42 as unknown as string),
      'role ARN',
      'must be text, not a number',
    );
    expectInputError(() => parseRoleArn(undefined as unknown as string), 'role ARN', 'is missing');
  });

  it('never repeats a long value in full', () => {
    const long = `arn:aws:s3:::${'b'.repeat(300)}`;
    const message = expectInputError(() => parseRoleArn(long), 'role ARN');
    expect(message).not.toContain('b'.repeat(61));
    expect(message).toContain('…');
  });

  it('throws InputError, not a plain Error', () => {
    expect(() => parseRoleArn('x')).toThrow(InputError);
  });
});

describe('partition ids', () => {
  it('lists the three supported partitions', () => {
    expect([...PARTITION_IDS]).toEqual(['aws', 'aws-cn', 'aws-us-gov']);
  });
  it.each([
    ['aws', true],
    ['aws-cn', true],
    ['aws-us-gov', true],
    ['aws-iso', false],
    ['', false],
    ['toString', false],
  ])('isPartition(%j) = %s', (value, expected) => {
    expect(isPartition(value)).toBe(expected);
  });
});
