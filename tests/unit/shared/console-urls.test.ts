import { describe, expect, it } from 'vitest';

import {
  consoleHomeUrl,
  federatedLoginUrl,
  federationEndpoint,
  signinSessionDuration,
  switchRoleUrl,
} from '../../../shared/console-urls';
import { isAwsConsoleOrSigninUrl } from '../../../shared/partitions';
import { parseRoleArn } from '../../../shared/role-arn';
import { expectInputError } from './expect-input-error';

const ACCOUNT = '123456789012';

function params(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe('switchRoleUrl', () => {
  it.each([
    [
      `arn:aws:iam::${ACCOUNT}:role/Admin`,
      'signin.aws.amazon.com',
      { account: ACCOUNT, roleName: 'Admin', displayName: `Admin @ ${ACCOUNT}` },
    ],
    [
      `arn:aws-cn:iam::${ACCOUNT}:role/ReadOnly`,
      'signin.amazonaws.cn',
      { account: ACCOUNT, roleName: 'ReadOnly', displayName: `ReadOnly @ ${ACCOUNT}` },
    ],
    [
      `arn:aws-us-gov:iam::${ACCOUNT}:role/Ops`,
      'signin.amazonaws-us-gov.com',
      { account: ACCOUNT, roleName: 'Ops', displayName: `Ops @ ${ACCOUNT}` },
    ],
    [
      `arn:aws:iam::${ACCOUNT}:role/division_abc/subdivision_efg/roleToDoX`,
      'signin.aws.amazon.com',
      {
        account: ACCOUNT,
        roleName: 'division_abc/subdivision_efg/roleToDoX',
        displayName: `roleToDoX @ ${ACCOUNT}`,
      },
    ],
    [
      'arn:aws:iam::000000000042:role/a+b=c,d.e@f',
      'signin.aws.amazon.com',
      {
        account: '000000000042',
        roleName: 'a+b=c,d.e@f',
        displayName: 'a+b=c,d.e@f @ 000000000042',
      },
    ],
  ])('%s', (arn, host, expected) => {
    const url = switchRoleUrl({ role: parseRoleArn(arn) });
    const parsed = new URL(url);
    expect(parsed.protocol).toBe('https:');
    expect(parsed.host).toBe(host);
    expect(parsed.pathname).toBe('/switchrole');
    expect(params(url)).toEqual(expected);
    expect(isAwsConsoleOrSigninUrl(url)).toBe(true);
  });

  it.each([
    ['Prod admin', 'Prod admin'],
    ['  padded  ', 'padded'],
    ['Équipe données & co', 'Équipe données & co'],
    ['本番 🚀', '本番 🚀'],
    ['a+b=c&d#e?f/g%h', 'a+b=c&d#e?f/g%h'],
  ])('encodes display name %j', (displayName, expected) => {
    const url = switchRoleUrl({
      role: parseRoleArn(`arn:aws:iam::${ACCOUNT}:role/Admin`),
      displayName,
    });
    expect(params(url).displayName).toBe(expected);
    // Spaces as %20, so form and URI decoders agree.
    expect(url).not.toContain('+padded');
    expect(new URL(url).hash).toBe('');
  });

  it('keeps "+" in a role name from turning into a space', () => {
    const url = switchRoleUrl({ role: parseRoleArn(`arn:aws:iam::${ACCOUNT}:role/a+b`) });
    expect(url).toContain('roleName=a%2Bb');
    expect(params(url).roleName).toBe('a+b');
  });

  it.each([
    ['red', 'f2b0a9'],
    ['#83D4E8', '83d4e8'],
    ['b7ca9d', 'b7ca9d'],
  ])('adds color %s as %s', (color, expected) => {
    const url = switchRoleUrl({ role: parseRoleArn(`arn:aws:iam::${ACCOUNT}:role/Admin`), color });
    expect(params(url).color).toBe(expected);
  });

  it('leaves color out when not given', () => {
    const url = switchRoleUrl({ role: parseRoleArn(`arn:aws:iam::${ACCOUNT}:role/Admin`) });
    expect(new URL(url).searchParams.has('color')).toBe(false);
  });

  it('shortens a long default display name to 64 characters, keeping the account', () => {
    const role = parseRoleArn(`arn:aws:iam::${ACCOUNT}:role/${'R'.repeat(64)}`);
    const { displayName } = params(switchRoleUrl({ role }));
    expect([...(displayName ?? '')].length).toBe(64);
    expect(displayName).toMatch(new RegExp(`^R+… @ ${ACCOUNT}$`));
  });

  it('keeps a default display name of exactly 64 characters whole', () => {
    const name = 'N'.repeat(64 - ` @ ${ACCOUNT}`.length);
    const role = parseRoleArn(`arn:aws:iam::${ACCOUNT}:role/${name}`);
    expect(params(switchRoleUrl({ role })).displayName).toBe(`${name} @ ${ACCOUNT}`);
  });

  it('accepts path + name of exactly 64 characters', () => {
    const role = parseRoleArn(`arn:aws:iam::${ACCOUNT}:role/${'p'.repeat(30)}/${'n'.repeat(33)}`);
    expect(params(switchRoleUrl({ role })).roleName).toHaveLength(64);
  });

  it('refuses path + name over 64 characters, explaining the cookie limit', () => {
    const role = parseRoleArn(`arn:aws:iam::${ACCOUNT}:role/${'p'.repeat(30)}/${'n'.repeat(34)}`);
    expectInputError(
      () => switchRoleUrl({ role }),
      'role ARN',
      'are 65 characters',
      'at most 64',
      'cookie',
      'federated sign-in',
    );
  });

  it.each([
    [{ displayName: '' }, 'display name', 'is empty'],
    [{ displayName: 'two\nlines' }, 'display name', 'line break'],
    [{ displayName: 'x'.repeat(65) }, 'display name', '65 characters'],
    [{ color: 'purple' }, 'color', 'is not a color'],
  ])('checks its options: %j', (options, field, fragment) => {
    const role = parseRoleArn(`arn:aws:iam::${ACCOUNT}:role/Admin`);
    expectInputError(() => switchRoleUrl({ role, ...options }), field, fragment);
  });
});

describe('consoleHomeUrl', () => {
  it.each([
    ['aws', undefined, 'https://console.aws.amazon.com/'],
    ['aws-cn', undefined, 'https://console.amazonaws.cn/'],
    ['aws-us-gov', undefined, 'https://console.amazonaws-us-gov.com/'],
    ['aws', 'us-east-1', 'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1'],
    [
      'aws',
      'eu-central-2',
      'https://eu-central-2.console.aws.amazon.com/console/home?region=eu-central-2',
    ],
    [
      'aws-cn',
      'cn-northwest-1',
      'https://cn-northwest-1.console.amazonaws.cn/console/home?region=cn-northwest-1',
    ],
    [
      'aws-us-gov',
      'us-gov-east-1',
      'https://us-gov-east-1.console.amazonaws-us-gov.com/console/home?region=us-gov-east-1',
    ],
  ] as const)('%s %s', (partition, region, expected) => {
    const url = consoleHomeUrl(partition, region);
    expect(url).toBe(expected);
    expect(new URL(url).href).toBe(expected);
    expect(isAwsConsoleOrSigninUrl(url)).toBe(true);
  });

  it.each([
    ['aws', 'cn-north-1', 'cn-north-1 is in aws-cn, not aws'],
    ['aws-cn', 'us-east-1', 'us-east-1 is in aws, not aws-cn'],
    ['aws-us-gov', 'us-east-1', 'e.g. us-gov-west-1'],
    ['aws', 'US-EAST-1', 'capital letters'],
    ['aws', 'us-east-1/evil', 'is not a region code'],
    ['aws', 'evil.example#', 'is not a region code'],
  ] as const)('refuses %s + %s', (partition, region, fragment) => {
    expectInputError(() => consoleHomeUrl(partition, region), 'region', fragment);
  });
});

describe('federationEndpoint', () => {
  it.each([
    ['aws', 'https://signin.aws.amazon.com/federation'],
    ['aws-cn', 'https://signin.amazonaws.cn/federation'],
    ['aws-us-gov', 'https://signin.amazonaws-us-gov.com/federation'],
  ] as const)('%s → %s', (partition, expected) => {
    expect(federationEndpoint(partition)).toBe(expected);
  });

  it.each([
    ['aws', 'http://127.0.0.1:8080/federation', 'http://127.0.0.1:8080/federation'],
    ['aws', 'http://localhost:9/fed', 'http://localhost:9/fed'],
    ['aws', 'http://[::1]:4000/federation', 'http://[::1]:4000/federation'],
    ['aws-cn', 'https://127.0.0.1:8443/federation', 'https://127.0.0.1:8443/federation'],
    [
      'aws',
      'https://us-east-1.signin.aws.amazon.com/federation',
      'https://us-east-1.signin.aws.amazon.com/federation',
    ],
    ['aws', 'https://SIGNIN.aws.amazon.com/federation', 'https://signin.aws.amazon.com/federation'],
    [
      'aws-us-gov',
      'https://signin.amazonaws-us-gov.com/federation',
      'https://signin.amazonaws-us-gov.com/federation',
    ],
  ] as const)('%s accepts override %s', (partition, override, expected) => {
    expect(federationEndpoint(partition, override)).toBe(expected);
  });

  it.each([
    ['aws', 'http://signin.aws.amazon.com/federation', 'is plain http'],
    ['aws', 'http://evil.example/federation', 'is plain http'],
    ['aws', 'https://evil.example/federation', 'is not an AWS sign-in host'],
    ['aws', 'https://signin.aws.amazon.com.evil.example/federation', 'is not an AWS sign-in host'],
    ['aws', 'https://console.aws.amazon.com/federation', 'is not an AWS sign-in host'],
    ['aws', 'https://signin.aws.amazon.com:8443/federation', 'is not an AWS sign-in host'],
    ['aws', 'https://signin.amazonaws.cn/federation', 'belongs to aws-cn, not aws'],
    ['aws-cn', 'https://signin.aws.amazon.com/federation', 'belongs to aws, not aws-cn'],
    ['aws', 'http://127.0.0.2/federation', 'is plain http'],
    ['aws', 'ftp://127.0.0.1/federation', 'is not http(s)'],
    ['aws', 'file:///tmp/x', 'is not http(s)'],
    ['aws', 'https://user:pw@signin.aws.amazon.com/federation', 'user name or password'],
    ['aws', 'https://signin.aws.amazon.com/federation?Action=x', 'query or fragment'],
    ['aws', 'https://signin.aws.amazon.com/federation#x', 'query or fragment'],
    ['aws', 'signin.aws.amazon.com/federation', 'is not a URL'],
    ['aws', '', 'is not a URL'],
  ] as const)('%s refuses override %s', (partition, override, fragment) => {
    expectInputError(
      () => federationEndpoint(partition, override),
      'federation endpoint',
      fragment,
    );
  });

  it('never echoes the path or user info of a refused override', () => {
    const message = expectInputError(
      () => federationEndpoint('aws', 'https://evil.example/secret-path-xyz'),
      'federation endpoint',
    );
    expect(message).not.toContain('secret-path-xyz');
  });
});

describe('federatedLoginUrl', () => {
  const token = 'TOKEN+/=with&odd?chars';

  it.each([
    ['https://signin.aws.amazon.com/federation', 'https://console.aws.amazon.com/'],
    [
      'https://signin.aws.amazon.com/federation',
      'https://us-west-2.console.aws.amazon.com/console/home?region=us-west-2',
    ],
    ['https://signin.amazonaws.cn/federation', 'https://console.amazonaws.cn/'],
    [
      'https://signin.amazonaws-us-gov.com/federation',
      'https://us-gov-west-1.console.amazonaws-us-gov.com/console/home?region=us-gov-west-1',
    ],
    ['http://127.0.0.1:1234/federation', 'https://console.amazonaws.cn/'],
  ])('%s → %s', (endpoint, destination) => {
    const url = federatedLoginUrl({
      endpoint,
      signinToken: token,
      issuer: 'switchyard tests',
      destination,
    });
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(endpoint);
    expect(params(url)).toEqual({
      Action: 'login',
      Issuer: 'switchyard tests',
      Destination: destination,
      SigninToken: token,
    });
    expect([...parsed.searchParams.keys()]).toEqual([
      'Action',
      'Issuer',
      'Destination',
      'SigninToken',
    ]);
  });

  it('builds on federationEndpoint output for every partition', () => {
    for (const [partition, destination] of [
      ['aws', consoleHomeUrl('aws', 'eu-west-1')],
      ['aws-cn', consoleHomeUrl('aws-cn')],
      ['aws-us-gov', consoleHomeUrl('aws-us-gov', 'us-gov-east-1')],
    ] as const) {
      const url = federatedLoginUrl({
        endpoint: federationEndpoint(partition),
        signinToken: 't',
        issuer: 'i',
        destination,
      });
      expect(isAwsConsoleOrSigninUrl(url)).toBe(true);
      expect(params(url).Destination).toBe(destination);
    }
  });

  it.each([
    ['http://console.aws.amazon.com/', 'is not an https AWS console page'],
    ['https://signin.aws.amazon.com/switchrole', 'is not an https AWS console page'],
    ['https://evil.example/', 'is not an https AWS console page'],
    ['https://console.aws.amazon.com.evil.example/', 'is not an https AWS console page'],
    ['javascript:alert(1)', 'is not an https AWS console page'],
    ['https://console.amazonaws.cn/', 'is in aws-cn, but the sign-in is for aws'],
    ['https://us-gov-west-1.console.amazonaws-us-gov.com/', 'is in aws-us-gov'],
    ['', 'is not an https AWS console page'],
  ])('refuses destination %s', (destination, fragment) => {
    expectInputError(
      () =>
        federatedLoginUrl({
          endpoint: 'https://signin.aws.amazon.com/federation',
          signinToken: 't',
          issuer: 'i',
          destination,
        }),
      'destination',
      fragment,
    );
  });

  it('refuses an endpoint that is not a sign-in host', () => {
    expectInputError(
      () =>
        federatedLoginUrl({
          endpoint: 'https://evil.example/federation',
          signinToken: 't',
          issuer: 'i',
          destination: 'https://console.aws.amazon.com/',
        }),
      'federation endpoint',
      'not an AWS sign-in host',
    );
  });

  it('refuses an empty token', () => {
    expectInputError(
      () =>
        federatedLoginUrl({
          endpoint: 'https://signin.aws.amazon.com/federation',
          signinToken: '',
          issuer: 'i',
          destination: 'https://console.aws.amazon.com/',
        }),
      'sign-in token',
      'is empty',
    );
  });
});

describe('signinSessionDuration', () => {
  it.each([
    [{ chained: false }, undefined],
    [{ chained: false, requestedSeconds: 3600 }, 3600],
    [{ chained: false, requestedSeconds: 900 }, 900],
    [{ chained: false, requestedSeconds: 43200 }, 43200],
    [{ chained: true, requestedSeconds: 3600 }, undefined],
    [{ chained: true }, undefined],
    [{ chained: false, federationToken: true, requestedSeconds: 3600 }, undefined],
    [{ chained: false, federationToken: false, requestedSeconds: 7200 }, 7200],
  ])('%j → %s', (input, expected) => {
    expect(signinSessionDuration(input)).toBe(expected);
  });

  it.each([899, 43201, 1.5])('refuses %s for credentials that may set it', (requestedSeconds) => {
    expectInputError(
      () => signinSessionDuration({ chained: false, requestedSeconds }),
      'console session duration',
      '900–43200',
    );
  });

  it('ignores an out-of-range request when it would be dropped anyway', () => {
    expect(signinSessionDuration({ chained: true, requestedSeconds: 5 })).toBeUndefined();
  });
});
