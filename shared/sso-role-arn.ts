import { partitionOfRegion } from './partitions';

/**
 * The ARN a catalog shows for an Identity Center role:
 * `arn:<partition>:iam::<accountId>:role/<roleName>`. It is for display and
 * the console only; the real role behind a permission set is named
 * AWSReservedSSO_<name>_<hash> under a path, and GetRoleCredentials (not
 * AssumeRole) gives its session. The partition follows the SSO region
 * (cn-* is aws-cn, us-gov-* is aws-us-gov, anything else aws), so the sync and
 * `roles import` build the same ARN for the same assignment.
 */
export function ssoRoleArn(accountId: string, roleName: string, region?: string): string {
  const partition = region === undefined ? 'aws' : partitionOfRegion(region);
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}
