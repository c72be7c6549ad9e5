import type { Secret, SessionCredentials } from '../secret';

/**
 * Every inherited variable that could make the child's SDK pick credentials
 * other than the ones we hand it: a profile, keys, a container endpoint, web
 * identity. All of them go, in both modes, so the child uses ours and no other.
 */
export const INHERITED_CREDENTIAL_VARIABLES: readonly string[] = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
];

/** The role as the child sees it: its label for prompts, its region if it has one. */
export interface ChildRole {
  readonly label: string;
  readonly region?: string;
}

/** Where the child's credentials come from: keys for its lifetime, or an endpoint grant. */
export type ChildCredentials =
  | { readonly kind: 'keys'; readonly credentials: SessionCredentials }
  | { readonly kind: 'endpoint'; readonly uri: string; readonly token: Secret };

/** What to do to an environment: variables to remove, then variables to set (in this order). */
export interface EnvironmentChanges {
  readonly unset: readonly string[];
  readonly set: readonly (readonly [name: string, value: string])[];
}

function credentialVariables(credentials: ChildCredentials): [string, string][] {
  if (credentials.kind === 'endpoint') {
    return [
      ['AWS_CONTAINER_CREDENTIALS_FULL_URI', credentials.uri],
      ['AWS_CONTAINER_AUTHORIZATION_TOKEN', credentials.token.reveal()],
    ];
  }
  const keys = credentials.credentials;
  return [
    ['AWS_ACCESS_KEY_ID', keys.accessKeyId.reveal()],
    ['AWS_SECRET_ACCESS_KEY', keys.secretAccessKey.reveal()],
    ['AWS_SESSION_TOKEN', keys.sessionToken.reveal()],
    // The SDKs and the CLI read it as ISO 8601 and refuse to use keys past it.
    ['AWS_CREDENTIAL_EXPIRATION', new Date(keys.expiresAt).toISOString()],
  ];
}

function roleVariables(role: ChildRole): [string, string][] {
  const region: [string, string][] =
    role.region === undefined
      ? []
      : [
          ['AWS_REGION', role.region],
          ['AWS_DEFAULT_REGION', role.region],
        ];
  return [...region, ['SWITCHYARD_ROLE', role.label]];
}

/**
 * The changes that give a shell or a child the role: every inherited
 * credential variable removed, then the credentials, the region (when the
 * role has one) and SWITCHYARD_ROLE set. A variable both removed and set is
 * set: the list of removals stays whole so `env --unset` can use it as is.
 */
export function childEnvironmentChanges(
  role: ChildRole,
  credentials: ChildCredentials,
): EnvironmentChanges {
  const set = [...credentialVariables(credentials), ...roleVariables(role)];
  const names = new Set(set.map(([name]) => name));
  return { unset: INHERITED_CREDENTIAL_VARIABLES.filter((name) => !names.has(name)), set };
}

/**
 * The changes that take the role away again (`env --unset`): everything
 * `childEnvironmentChanges` removes or sets, with the region only when the role
 * has one (a region the user set before for another reason is left alone).
 */
export function clearedEnvironmentChanges(role: ChildRole): EnvironmentChanges {
  const names = [...INHERITED_CREDENTIAL_VARIABLES, ...roleVariables(role).map(([name]) => name)];
  return { unset: [...new Set(names)], set: [] };
}

/** A new environment for a child: `base` (usually process.env) with the changes applied. */
export function childEnvironment(
  base: NodeJS.ProcessEnv,
  role: ChildRole,
  credentials: ChildCredentials,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  const changes = childEnvironmentChanges(role, credentials);
  // Windows environment names ignore case: remove every spelling of a name.
  const removed = new Set(changes.unset.map((name) => name.toUpperCase()));
  for (const [name] of changes.set) removed.add(name.toUpperCase());
  for (const name of Object.keys(env)) {
    if (removed.has(name.toUpperCase())) delete env[name];
  }
  for (const [name, value] of changes.set) env[name] = value;
  return env;
}
