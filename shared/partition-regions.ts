import type { Partition } from './role-arn';

/**
 * The public regions of each partition, for the Add form's suggestions only:
 * a region missing here (a new one) is still accepted, since validate-region.ts
 * checks the name's form, not this list.
 */
export const PARTITION_REGIONS: Readonly<Record<Partition, readonly string[]>> = {
  aws: [
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
    'af-south-1',
    'ap-east-1',
    'ap-east-2',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-northeast-3',
    'ap-south-1',
    'ap-south-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'ap-southeast-6',
    'ap-southeast-7',
    'ca-central-1',
    'ca-west-1',
    'eu-central-1',
    'eu-central-2',
    'eu-north-1',
    'eu-south-1',
    'eu-south-2',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'il-central-1',
    'me-central-1',
    'me-south-1',
    'mx-central-1',
    'sa-east-1',
  ],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
};

/**
 * The partition a role ARN names, read leniently while it is being typed
 * ("arn:aws-cn:" is enough); the commercial partition until it says otherwise.
 */
export function partitionOfArnText(text: string): Partition {
  const match = /^\s*arn:(aws-cn|aws-us-gov|aws):/.exec(text);
  return (match?.[1] as Partition | undefined) ?? 'aws';
}

/** The regions to suggest for a role with this (possibly half-typed) ARN. */
export function regionsForArnText(text: string): readonly string[] {
  return PARTITION_REGIONS[partitionOfArnText(text)];
}
