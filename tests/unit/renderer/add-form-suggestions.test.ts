import { describe, expect, it } from 'vitest';
import { autoProfile, profileHint } from '../../../renderer/src/forms/profile-preview';
import {
  PARTITION_REGIONS,
  partitionOfArnText,
  regionsForArnText,
} from '../../../shared/partition-regions';
import { checkRegion } from '../../../shared/validate';

describe('the regions the Add form suggests', () => {
  it("follow the role ARN's partition as soon as it is typed", () => {
    expect(partitionOfArnText('')).toBe('aws');
    expect(partitionOfArnText('arn:aws:iam::1')).toBe('aws');
    expect(partitionOfArnText('arn:aws-cn:')).toBe('aws-cn');
    expect(partitionOfArnText(' arn:aws-us-gov:iam::123456789012:role/X')).toBe('aws-us-gov');
    expect(regionsForArnText('arn:aws-cn:iam::123456789012:role/X')).toEqual([
      'cn-north-1',
      'cn-northwest-1',
    ]);
    expect(regionsForArnText('arn:aws:iam::123456789012:role/X')).toContain('eu-west-1');
  });

  it('are all regions the form accepts, each in one partition only', () => {
    const all = Object.values(PARTITION_REGIONS).flat();
    expect(new Set(all).size).toBe(all.length);
    for (const region of all) expect(() => checkRegion(region)).not.toThrow();
  });
});

describe('the profile a new role writes, live', () => {
  it('comes from the label, else from the role name of the ARN', () => {
    expect(autoProfile('Prod admin', 'arn:aws:iam::123456789012:role/Admin')).toBe('prod-admin');
    expect(autoProfile('', 'arn:aws:iam::123456789012:role/team/Deploy')).toBe('deploy');
    expect(autoProfile('', 'arn:aws:iam::1234')).toBe('');
  });

  it('is spelled out under the field, as the credentials file will have it', () => {
    expect(profileHint('prod-admin')).toBe(
      'Written to ~/.aws/credentials as [prod-admin]: use it with --profile prod-admin.',
    );
    expect(profileHint(' ')).toBe('Written to ~/.aws/credentials under this name.');
  });
});
