import { userInfo } from 'node:os';

/** RoleSessionName shows in CloudTrail; default to who ran Switchyard. */
export function defaultSessionName(username: string = currentUsername()): string {
  const cleaned = username.replace(/[^\w+=,.@-]/g, '').slice(0, 64 - 'switchyard-'.length);
  return cleaned.length > 0 ? `switchyard-${cleaned}` : 'switchyard';
}

function currentUsername(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
