import { userInfo } from 'node:os';

/** RoleSessionName shows in CloudTrail; default to who ran Switchyard. */
export function defaultSessionName(username: string = currentUsername()): string {
  const cleaned = username.replace(/[^\w+=,.@-]/g, '').slice(0, 64 - 'switchyard-'.length);
  return cleaned.length > 0 ? `switchyard-${cleaned}` : 'switchyard';
}

/** Where the login name is looked for first, in Python's getpass.getuser() order (the AWS CLI's). */
const USERNAME_VARIABLES = ['LOGNAME', 'USER', 'LNAME', 'USERNAME'] as const;

/**
 * Who runs the process: the login name from the environment, as getpass.getuser()
 * finds it, else the account database. The environment comes first for speed as
 * well: the database lookup (NSS) is about 0.5 ms of a cold `assume`.
 */
export function loginName(
  env: NodeJS.ProcessEnv = process.env,
  lookUp: () => string = () => userInfo().username,
): string {
  for (const name of USERNAME_VARIABLES) {
    const value = env[name];
    if (value) return value;
  }
  try {
    return lookUp();
  } catch {
    return '';
  }
}

let username: string | undefined;

/** Looked up once per process: it cannot change, and a round of N roles asks N times. */
function currentUsername(): string {
  username ??= loginName();
  return username;
}
