import { describe, expect, it } from 'vitest';
import { iamEndpoint } from '../../../electron/core/iam/list-account-aliases';

describe('the IAM endpoint', () => {
  it("is the partition's global endpoint, signed for its home region", () => {
    expect(iamEndpoint('aws', {})).toEqual({
      url: 'https://iam.amazonaws.com',
      region: 'us-east-1',
    });
    expect(iamEndpoint('aws-cn', {})).toEqual({
      url: 'https://iam.cn-north-1.amazonaws.com.cn',
      region: 'cn-north-1',
    });
    expect(iamEndpoint('aws-us-gov', {})).toEqual({
      url: 'https://iam.us-gov.amazonaws.com',
      region: 'us-gov-west-1',
    });
  });

  it('follows AWS_ENDPOINT_URL_IAM, else AWS_ENDPOINT_URL, as the AWS SDKs do', () => {
    const env = {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:2',
    };
    expect(iamEndpoint('aws', env).url).toBe('http://127.0.0.1:2');
    expect(iamEndpoint('aws-cn', { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' })).toEqual({
      url: 'http://127.0.0.1:1',
      region: 'cn-north-1',
    });
  });
});
