import { describe, expect, it } from 'vitest';

import { consoleDestinationUrl, switchRoleUrl } from '../../../shared/console-urls';
import {
  CONSOLE_SERVICES,
  SERVICE_ALIASES,
  checkService,
  serviceNames,
} from '../../../shared/console-services';
import { classifyAwsHost, isAwsConsoleOrSigninUrl, PARTITIONS } from '../../../shared/partitions';
import { parseRoleArn, type Partition } from '../../../shared/role-arn';
import { expectInputError } from './expect-input-error';

const REGION: Readonly<Record<Partition, string>> = {
  aws: 'eu-west-1',
  'aws-cn': 'cn-northwest-1',
  'aws-us-gov': 'us-gov-east-1',
};
const PARTITION_IDS = Object.keys(PARTITIONS) as Partition[];
const SERVICES = Object.keys(CONSOLE_SERVICES);

describe('the console service map', () => {
  it('knows at least 40 services, and every alias names one of them', () => {
    expect(SERVICES.length).toBeGreaterThanOrEqual(40);
    for (const target of Object.values(SERVICE_ALIASES)) expect(SERVICES).toContain(target);
    expect(serviceNames()).toContain('cfn');
  });

  describe.each(PARTITION_IDS)('in %s', (partition) => {
    const { consoleHost } = PARTITIONS[partition];
    const region = REGION[partition];

    it.each(SERVICES)('%s with a region: the regional console host, path and region', (name) => {
      const service = CONSOLE_SERVICES[name]!;
      const url = new URL(consoleDestinationUrl(partition, { service: name, region }));
      expect(isAwsConsoleOrSigninUrl(url.href)).toBe(true);
      expect(classifyAwsHost(url.hostname)).toEqual({ partition, kind: 'console' });
      expect(url.pathname).toBe(`/${service.path}`);
      expect(url.hash).toBe(service.hash === undefined ? '' : `#${service.hash}`);
      if (service.global) {
        expect(url.host).toBe(consoleHost);
        expect(url.search).toBe('');
      } else {
        expect(url.host).toBe(`${region}.${consoleHost}`);
        expect(url.searchParams.get('region')).toBe(region);
      }
    });

    it.each(SERVICES)('%s without a region: the partition console host', (name) => {
      const url = new URL(consoleDestinationUrl(partition, { service: name }));
      expect(url.host).toBe(consoleHost);
      expect(url.search).toBe('');
    });

    it('home page with and without a region', () => {
      expect(consoleDestinationUrl(partition, {})).toBe(`https://${consoleHost}/`);
      expect(consoleDestinationUrl(partition, { region })).toBe(
        `https://${region}.${consoleHost}/console/home?region=${region}`,
      );
    });
  });

  it('spells out an ordinary case in each partition', () => {
    expect(consoleDestinationUrl('aws', { service: 'ec2', region: 'eu-west-1' })).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1',
    );
    expect(consoleDestinationUrl('aws-cn', { service: 'Lambda', region: 'cn-north-1' })).toBe(
      'https://cn-north-1.console.amazonaws.cn/lambda/home?region=cn-north-1',
    );
    expect(consoleDestinationUrl('aws-us-gov', { service: 'iam', region: 'us-gov-west-1' })).toBe(
      'https://console.amazonaws-us-gov.com/iam/home',
    );
    expect(consoleDestinationUrl('aws', { service: 'logs', region: 'us-east-2' })).toBe(
      'https://us-east-2.console.aws.amazon.com/cloudwatch/home?region=us-east-2#logsV2:log-groups',
    );
  });

  it('takes aliases and any case', () => {
    expect(checkService('CFN')).toBe('cloudformation');
    expect(checkService('sfn')).toBe('stepfunctions');
  });

  it.each([
    ['ec3', 'is not a console service', 'did you mean ec2'],
    ['', 'is not a console service', 'use one of'],
    ['../../evil', 'is not a console service', 'use one of'],
  ])('refuses service %j', (name, ...fragments) => {
    expectInputError(() => checkService(name, '--service'), '--service', ...fragments);
  });

  it.each([
    ['aws', 'cn-north-1', 'is in aws-cn, not aws'],
    ['aws-cn', 'us-east-1', 'is in aws, not aws-cn'],
    ['aws-us-gov', 'eu-west-1', 'is in aws, not aws-us-gov'],
    ['aws', 'EU-WEST-1', 'capital letters'],
  ] as const)('refuses in %s the region %s', (partition, region, fragment) => {
    expectInputError(
      () => consoleDestinationUrl(partition, { service: 's3', region }),
      'region',
      fragment,
    );
  });
});

describe('switch-role redirect_uri', () => {
  it.each(PARTITION_IDS)('%s: lands on the service page after the switch', (partition) => {
    const role = parseRoleArn(`arn:${partition}:iam::123456789012:role/ops`);
    const destination = consoleDestinationUrl(partition, {
      service: 'ec2',
      region: REGION[partition],
    });
    const url = new URL(switchRoleUrl({ role, destination }));
    expect(url.host).toBe(PARTITIONS[partition].signinHost);
    expect(url.searchParams.get('redirect_uri')).toBe(destination);
  });

  it('refuses a page of another partition or a non-console host', () => {
    const role = parseRoleArn('arn:aws:iam::123456789012:role/ops');
    expectInputError(
      () => switchRoleUrl({ role, destination: 'https://console.amazonaws.cn/ec2/home' }),
      'destination',
      'not a console page of aws',
    );
    expectInputError(
      () => switchRoleUrl({ role, destination: 'https://evil.example/' }),
      'destination',
    );
  });
});
