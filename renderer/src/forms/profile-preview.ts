import { suggestProfile } from './role-form-values';

/** The role name at the end of a (possibly half-typed) role ARN, if there is one yet. */
function roleNameOf(arn: string): string | undefined {
  return /:role\/(?:[^/]*\/)*([^/\s]+)$/.exec(arn.trim())?.[1];
}

/**
 * The profile a new role writes until the user types one: from the label,
 * else from the ARN's role name, so it is there as soon as either is typed.
 */
export function autoProfile(label: string, roleArn: string): string {
  const fromLabel = suggestProfile(label);
  if (fromLabel !== '') return fromLabel;
  const name = roleNameOf(roleArn);
  return name === undefined ? '' : suggestProfile(name);
}

/** The Profile field's note: the section the credentials file will get, and how to use it. */
export function profileHint(profile: string): string {
  const name = profile.trim();
  if (name === '') return 'Written to ~/.aws/credentials under this name.';
  return `Written to ~/.aws/credentials as [${name}]: use it with --profile ${name}.`;
}
