import { inputError, rejectEdgeWhitespace, rejectHiddenChars, requireText } from './check-text';
import { describeChar, findChar, quoteValue } from './quote-value';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export const PARTITION_IDS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

export function isPartition(value: string): value is Partition {
  return (PARTITION_IDS as readonly string[]).includes(value);
}

export interface RoleArn {
  readonly arn: string;
  readonly partition: Partition;
  /** 12 digits, leading zeros kept. */
  readonly accountId: string;
  /** "/" or "/a/b/". */
  readonly path: string;
  readonly roleName: string;
}

// Limits from the STS model (RoleArn) and the IAM quotas page.
const MIN_ARN = 20;
const MAX_ARN = 2048;
const MAX_ROLE_NAME = 64;
const MAX_PATH = 512;
const ROLE_NAME_CHAR = /^[\w+=,.@-]$/;
const ACCOUNT_ID = /^[0-9]{12}$/;

const IAM_RESOURCE_KINDS: ReadonlyMap<string, string> = new Map([
  ['user', 'an IAM user'],
  ['group', 'an IAM group'],
  ['policy', 'an IAM policy'],
  ['instance-profile', 'an instance profile'],
  ['mfa', 'an MFA device'],
  ['saml-provider', 'a SAML provider'],
  ['oidc-provider', 'an OIDC provider'],
  ['server-certificate', 'a server certificate'],
]);

function shape(partition = 'aws', account = 'ACCOUNT', name = 'NAME'): string {
  return `arn:${partition}:iam::${account}:role/${name}`;
}

/**
 * Parses and checks a role ARN as AssumeRole and the console will need it.
 * Every rejection names the rule that failed and what to type instead; the
 * common mix-ups (a session ARN from `aws sts get-caller-identity`, a user
 * ARN, an account alias) get their own explanation.
 */
export function parseRoleArn(input: string, field = 'role ARN'): RoleArn {
  const arn = requireText(input, field, `use ${shape()}`);
  if (arn === '') throw inputError(field, 'is empty', `use ${shape()}`);
  rejectHiddenChars(arn, field);
  rejectEdgeWhitespace(arn, field);
  if (arn.length > MAX_ARN) {
    throw inputError(
      field,
      `is ${arn.length} characters long, over the ${MAX_ARN} limit`,
      `use ${shape()}`,
    );
  }

  const fields = splitArn(arn);
  if (!fields) throw notAnArn(arn, field);
  const [, partitionText, service, region, account, resource] = fields;

  if (!isPartition(partitionText)) {
    const problem =
      partitionText === ''
        ? 'has no partition after "arn:"'
        : `partition ${quoteValue(partitionText)} is not supported`;
    throw inputError(field, problem, `use aws, aws-cn or aws-us-gov, as in ${shape()}`);
  }
  const partition = partitionText;
  const accountHint = ACCOUNT_ID.test(account) ? account : 'ACCOUNT';

  if (service !== 'iam') throw wrongService(arn, field, partition, service, accountHint, resource);
  if (region !== '') {
    throw inputError(
      field,
      `has a region (${quoteValue(region)}), but IAM ARNs have none`,
      `leave it empty, as in ${shape(partition)}`,
    );
  }
  if (account === '') {
    throw inputError(
      field,
      'has no account ID',
      `put the 12-digit account ID after "iam::", as in ${shape(partition, '123456789012')}`,
    );
  }
  if (!ACCOUNT_ID.test(account)) {
    throw inputError(
      field,
      `account ID ${quoteValue(account)} is not 12 digits`,
      'use the numeric account ID, leading zeros included (aliases do not work in ARNs)',
    );
  }

  if (!resource.startsWith('role/')) {
    const kind = IAM_RESOURCE_KINDS.get(resource.split('/')[0] ?? '');
    const problem = kind
      ? `${quoteValue(arn)} is ${kind}, not a role`
      : `resource ${quoteValue(resource)} does not start with "role/"`;
    throw inputError(field, problem, `use ${shape(partition, account)}`);
  }

  const { path, roleName } = splitRolePath(resource.slice('role/'.length));
  checkRoleName(roleName, field, partition, account);
  checkPath(path, field);
  if (arn.length < MIN_ARN) {
    // Unreachable for a well-formed ARN (the shortest is 32), kept as the model's rule.
    throw inputError(
      field,
      `is shorter than ${MIN_ARN} characters`,
      `use ${shape(partition, account)}`,
    );
  }
  return { arn, partition, accountId: account, path, roleName };
}

/** arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; the resource may itself hold colons. */
function splitArn(arn: string): [string, string, string, string, string, string] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [prefix = '', partition = '', service = '', region = '', account = ''] = parts;
  return [prefix, partition, service, region, account, parts.slice(5).join(':')];
}

function notAnArn(value: string, field: string) {
  if (ACCOUNT_ID.test(value)) {
    return inputError(
      field,
      `${quoteValue(value)} is an account ID, not a role ARN`,
      `use ${shape('aws', value)}`,
    );
  }
  if (value.length <= MAX_ROLE_NAME && [...value].every((char) => ROLE_NAME_CHAR.test(char))) {
    return inputError(
      field,
      `${quoteValue(value)} is a name, not an ARN`,
      `use ${shape('aws', 'ACCOUNT', value)}`,
    );
  }
  const problem = /^arn:/i.test(value)
    ? `${quoteValue(value)} is incomplete or not lowercase "arn:"`
    : `${quoteValue(value)} is not an ARN`;
  return inputError(field, problem, `use ${shape()}`);
}

function wrongService(
  arn: string,
  field: string,
  partition: Partition,
  service: string,
  account: string,
  resource: string,
) {
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    // get-caller-identity shows this form; the role's path is not in it.
    const roleName = resource.split('/')[1] || 'NAME';
    return inputError(
      field,
      `${quoteValue(arn)} is a session, not a role`,
      `use ${shape(partition, account, roleName)} (with the role's path, if it has one)`,
    );
  }
  if (service === 'sts') {
    return inputError(
      field,
      `${quoteValue(arn)} is an STS identity, not a role`,
      `use ${shape(partition, account)}`,
    );
  }
  const problem =
    service === ''
      ? `${quoteValue(arn)} has no service (expected "iam")`
      : `${quoteValue(arn)} is an ARN for ${quoteValue(service)}, not an IAM role`;
  return inputError(field, problem, `use ${shape(partition, account)}`);
}

/** "a/b/Name" → path "/a/b/", name "Name"; "Name" → path "/". */
function splitRolePath(rest: string): { path: string; roleName: string } {
  const lastSlash = rest.lastIndexOf('/');
  if (lastSlash === -1) return { path: '/', roleName: rest };
  return { path: `/${rest.slice(0, lastSlash + 1)}`, roleName: rest.slice(lastSlash + 1) };
}

function checkRoleName(
  roleName: string,
  field: string,
  partition: Partition,
  account: string,
): void {
  if (roleName === '') {
    throw inputError(
      field,
      'has no role name after the last "/"',
      `use ${shape(partition, account)}`,
    );
  }
  const bad = findChar(roleName, (char) => !ROLE_NAME_CHAR.test(char));
  if (bad) {
    throw inputError(
      field,
      `role name ${quoteValue(roleName)} contains ${describeChar(bad.char)}`,
      'role names use only letters, digits and _ + = , . @ -',
    );
  }
  if (roleName.length > MAX_ROLE_NAME) {
    throw inputError(
      field,
      `role name is ${roleName.length} characters long`,
      `IAM role names are at most ${MAX_ROLE_NAME}; check the ARN was copied whole and correctly`,
    );
  }
}

function checkPath(path: string, field: string): void {
  if (path === '//') {
    throw inputError(field, 'has an empty path ("role//")', 'use role/NAME or role/PATH/NAME');
  }
  if (path.length > MAX_PATH) {
    throw inputError(
      field,
      `path is ${path.length} characters long`,
      `IAM paths are at most ${MAX_PATH}`,
    );
  }
  // IAM paths are printable ASCII (U+0021–U+007E): no spaces, no Unicode.
  const bad = findChar(path, (char) => char < '!' || char > '~');
  if (bad) {
    throw inputError(
      field,
      `path ${quoteValue(path)} contains ${describeChar(bad.char)}`,
      'IAM paths use only printable ASCII without spaces',
    );
  }
}
