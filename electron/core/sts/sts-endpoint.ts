import type { Partition } from '../../../shared/partitions';

const DNS_SUFFIX: Readonly<Record<Partition, string>> = {
  aws: 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-us-gov': 'amazonaws.com',
};

/** The endpoint the AWS SDKs would use for STS under `env`. */
export function stsEndpointFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  return env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined;
}

/** STS's regional endpoint, the SDKs' default in every partition: https://sts.{region}.{dnsSuffix}. */
export function regionalStsEndpoint(region: string, partition: Partition): string {
  return `https://sts.${region}.${DNS_SUFFIX[partition]}`;
}

/** Whether `text` is an http(s) URL, the only endpoints Switchyard calls itself. */
export function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
