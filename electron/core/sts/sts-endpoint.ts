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
