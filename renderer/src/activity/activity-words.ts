import type { ActivityEntry } from '../../../shared/activity';

const EVENT_WORDS: Record<string, string> = {
  assume: 'Assumed',
  refresh: 'Refreshed',
  failure: 'Failed',
  'expire-removed': 'Expired, profile removed',
  'console-link': 'Console link',
  'federated-sign-in': 'Console sign-in',
  'credential-process': 'credential_process',
  exec: 'exec',
  env: 'env',
  'endpoint-grant': 'Endpoint grant',
  'sso-sign-in': 'Identity Center sign-in',
  'mfa-session': 'MFA session',
};

export function eventWords(event: string): string {
  return EVENT_WORDS[event] ?? event;
}

/** Who the line is about: the role's label, else its ARN, else the source (a sign-in). */
export function subjectOf(entry: ActivityEntry): string {
  return entry.label ?? entry.roleArn ?? entry.source ?? '';
}

/** Who asked, in words: the tray, the daemon, or the command line. */
export function askerWords(by: string): string {
  if (by === 'tray') return 'tray';
  if (by === 'daemon') return 'daemon';
  if (by.startsWith('cli:')) return `switchyard ${by.slice('cli:'.length)}`;
  return by;
}

/** Whether an entry matches the filter text (case-insensitive, any shown field). */
export function entryMatches(entry: ActivityEntry, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  return [
    eventWords(entry.event),
    entry.event,
    subjectOf(entry),
    entry.profile,
    entry.roleArn,
    askerWords(entry.by),
    entry.errorCode,
  ].some((field) => field?.toLowerCase().includes(needle));
}

/** 14:05, in the user's own time zone. */
export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
