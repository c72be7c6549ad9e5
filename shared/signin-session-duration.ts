import { checkDuration } from './validate-sts';

export interface SigninSessionDurationInput {
  /** What the user asked for, in seconds; undefined to take the credentials' lifetime. */
  readonly requestedSeconds?: number;
  /** The credentials came from a role assumed with temporary credentials. */
  readonly chained: boolean;
  /** The credentials came from GetFederationToken. */
  readonly federationToken?: boolean;
}

/**
 * The SessionDuration to send with getSigninToken, or undefined to leave it
 * out. AWS answers HTTP 400 when it is sent with role-chained or
 * GetFederationToken credentials; for those the console session simply lasts
 * as long as the credentials do, so the request is dropped rather than failed.
 */
export function signinSessionDuration(input: SigninSessionDurationInput): number | undefined {
  if (input.chained || input.federationToken === true) return undefined;
  if (input.requestedSeconds === undefined) return undefined;
  return checkDuration(input.requestedSeconds, 'console session duration');
}
