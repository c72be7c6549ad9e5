import { describe, expect, it } from 'vitest';

import { isLoopbackHostname } from '../../../shared/loopback';
import {
  allowedExternalHosts,
  classifyAwsHost,
  isAwsConsoleOrSigninUrl,
  partitionOfRegion,
  PARTITIONS,
} from '../../../shared/partitions';

describe('PARTITIONS', () => {
  it('has the hosts and default region of each partition', () => {
    expect(PARTITIONS).toEqual({
      aws: {
        id: 'aws',
        signinHost: 'signin.aws.amazon.com',
        consoleHost: 'console.aws.amazon.com',
        defaultRegion: 'us-east-1',
      },
      'aws-cn': {
        id: 'aws-cn',
        signinHost: 'signin.amazonaws.cn',
        consoleHost: 'console.amazonaws.cn',
        defaultRegion: 'cn-north-1',
      },
      'aws-us-gov': {
        id: 'aws-us-gov',
        signinHost: 'signin.amazonaws-us-gov.com',
        consoleHost: 'console.amazonaws-us-gov.com',
        defaultRegion: 'us-gov-west-1',
      },
    });
  });

  it.each(Object.values(PARTITIONS))('$id default region maps back to it', (info) => {
    expect(partitionOfRegion(info.defaultRegion)).toBe(info.id);
  });
});

describe('partitionOfRegion', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-west-3', 'aws'],
    ['ap-southeast-7', 'aws'],
    ['ca-central-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['us-govcloud-1', 'aws'],
  ])('%s → %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition);
  });
});

describe('allowedExternalHosts', () => {
  it('lists the sign-in and console hosts of all three partitions', () => {
    expect(allowedExternalHosts().sort()).toEqual(
      [
        'console.amazonaws-us-gov.com',
        'console.amazonaws.cn',
        'console.aws.amazon.com',
        'signin.amazonaws-us-gov.com',
        'signin.amazonaws.cn',
        'signin.aws.amazon.com',
      ].sort(),
    );
  });
  it.each(allowedExternalHosts())('https://%s/ is allowed', (host) => {
    expect(isAwsConsoleOrSigninUrl(`https://${host}/`)).toBe(true);
  });
});

describe('isAwsConsoleOrSigninUrl', () => {
  it.each([
    'https://signin.aws.amazon.com/switchrole?account=123456789012&roleName=Admin',
    'https://signin.aws.amazon.com/federation?Action=login&SigninToken=x',
    'https://us-east-1.signin.aws.amazon.com/federation',
    'https://console.aws.amazon.com/',
    'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1',
    'https://123456789012-abcd1234.us-east-1.console.aws.amazon.com/console/home',
    'https://SIGNIN.AWS.AMAZON.COM/switchrole',
    'https://signin.aws.amazon.com:443/switchrole',
    'https://signin.amazonaws.cn/switchrole',
    'https://cn-north-1.console.amazonaws.cn/console/home?region=cn-north-1',
    'https://signin.amazonaws-us-gov.com/federation',
    'https://us-gov-west-1.console.amazonaws-us-gov.com/',
    'https://console.aws.amazon.com/s3/home#fragment',
  ])('allows %s', (url) => {
    expect(isAwsConsoleOrSigninUrl(url)).toBe(true);
  });

  it.each([
    ['http://signin.aws.amazon.com/switchrole', 'plain http'],
    ['http://console.aws.amazon.com/', 'plain http'],
    ['ftp://signin.aws.amazon.com/', 'other scheme'],
    ['javascript:alert(1)', 'javascript'],
    ['file:///etc/passwd', 'file'],
    ['data:text/html,hi', 'data'],
    ['https://signin.aws.amazon.com.evil.example/', 'AWS host as a prefix'],
    ['https://evilsignin.aws.amazon.com/', 'suffix without a dot'],
    ['https://evil-console.aws.amazon.com/', 'suffix without a dot'],
    ['https://signin-aws-amazon.com/', 'lookalike'],
    ['https://aws.amazon.com/', 'parent domain'],
    ['https://amazon.com/', 'parent domain'],
    ['https://signin.aws.amazon.co/', 'other TLD'],
    ['https://console.amazonaws.cn.evil.example/', 'cn as a prefix'],
    ['https://signin.aws.amazon.com./', 'trailing dot'],
    ['https://.signin.aws.amazon.com/', 'empty label'],
    ['https://a..signin.aws.amazon.com/', 'empty label'],
    ['https://user@signin.aws.amazon.com/', 'user info'],
    ['https://user:pass@console.aws.amazon.com/', 'user info'],
    ['https://signin.aws.amazon.com@evil.example/', 'host after @'],
    ['https://evil.example\\@signin.aws.amazon.com/', 'backslash trick'],
    ['https://evil.example/?https://signin.aws.amazon.com/', 'AWS only in the query'],
    ['https://evil.example/#signin.aws.amazon.com', 'AWS only in the fragment'],
    ['https://signin.aws.amazon.com:8443/', 'port'],
    ['https://console.aws.amazon.com:80/', 'port'],
    ['https://xn--signin-aws-amazon-com.example/', 'punycode'],
    ['https://signin.aws.amаzon.com/', 'Cyrillic а'],
    ['signin.aws.amazon.com/switchrole', 'no scheme'],
    ['//signin.aws.amazon.com/', 'protocol-relative'],
    ['', 'empty'],
    ['not a url', 'garbage'],
    ['https://127.0.0.1/', 'loopback'],
  ])('refuses %s (%s)', (url) => {
    expect(isAwsConsoleOrSigninUrl(url)).toBe(false);
  });
});

describe('classifyAwsHost', () => {
  it.each([
    ['signin.aws.amazon.com', { partition: 'aws', kind: 'signin' }],
    ['eu-west-1.signin.aws.amazon.com', { partition: 'aws', kind: 'signin' }],
    ['console.amazonaws.cn', { partition: 'aws-cn', kind: 'console' }],
    ['us-gov-east-1.console.amazonaws-us-gov.com', { partition: 'aws-us-gov', kind: 'console' }],
    ['signin.amazonaws-us-gov.com', { partition: 'aws-us-gov', kind: 'signin' }],
    ['evil.example', undefined],
    ['amazonaws.cn', undefined],
  ])('%s', (host, expected) => {
    expect(classifyAwsHost(host)).toEqual(expected);
  });
});

describe('isLoopbackHostname', () => {
  it.each([
    ['127.0.0.1', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['[::1]', true],
    ['::1', true],
    ['127.0.0.2', false],
    ['0.0.0.0', false],
    ['localhost.evil.example', false],
    ['evil.example', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHostname(host)).toBe(expected);
  });
});
