import { userInfo } from 'node:os';

/** RoleSessionName shows in CloudTrail; default to who ran Switchyard. */
export function defaultSessionName(username: string = currentUsername()): string {
  const cleaned = username.replace(/[^\w+=,.@-]/g, '').slice(0, 64 - 'switchyard-'.length);
  return cleaned.length > 0 ? `switchyard-${cleaned}` : 'switchyard';
}

let username: string | undefined;

/** Looked up once per process: it cannot change, and a round of N roles asks N times. */
function currentUsername(): string {
  if (username === undefined) {
    try {
      username = userInfo().username;
    } catch {
      username = '';
    }
  }
  return username;
}
