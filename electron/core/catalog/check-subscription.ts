import { isAbsolute } from 'node:path';
import { inputError, rejectHiddenChars, requireText } from '../../../shared/check-text';
import { quoteValue } from '../../../shared/quote-value';
import type { SubscriptionKind, SubscriptionRecord } from '../../../shared/subscription-model';
import { isObject } from './is-object';
import { checkSubscriptionName } from './subscription-name';

const KEYS = ['name', 'kind', 'location', 'ref', 'path', 'sha256', 'everySeconds'];
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);
export const MIN_EVERY_SECONDS = 60;
export const MAX_EVERY_SECONDS = 7 * 24 * 3600;

/** Credentials in a URL end up in logs, shell history and the catalog file: refused, never stored. */
function refuseCredentials(url: URL, field: string): void {
  if (url.username !== '' || url.password !== '') {
    throw inputError(
      field,
      `${url.protocol}//${url.host} carries a user name or password in the URL`,
      'remove them; use a URL that needs none, or for git an SSH key or a credential helper',
    );
  }
}

function parseUrl(text: string, field: string): URL {
  try {
    return new URL(text);
  } catch {
    throw inputError(field, `${quoteValue(text)} is not a URL`, 'give a full https:// URL');
  }
}

/** https, or plain http to this machine only (tests, a local mirror). */
export function checkHttpsLocation(text: string, field = 'location'): string {
  const url = parseUrl(text, field);
  refuseCredentials(url, field);
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw inputError(
      field,
      `${url.protocol} is not allowed for a subscription URL`,
      'use https:// (plain http only to 127.0.0.1, ::1 or localhost)',
    );
  }
  return url.href;
}

/**
 * A git remote git itself would fetch: file://, ssh:// or scp-like
 * user@host:path, https:// (loopback http too). Never one that starts with "-"
 * (git would read it as an option) or names a remote helper (`ext::`).
 */
export function checkGitLocation(text: string, field = 'location'): string {
  const fix = 'use a file://, ssh://, user@host:path or https:// remote';
  if (text.startsWith('-') || text.includes('::')) {
    throw inputError(field, `${quoteValue(text)} is not a git remote Switchyard fetches`, fix);
  }
  const scpLike = /^[\w.-]+@[\w.-]+:[^/\\]/.test(text) && !text.includes('://');
  if (scpLike) return text;
  const url = parseUrl(text, field);
  refuseCredentials(url, field);
  const ok =
    url.protocol === 'file:' ||
    url.protocol === 'ssh:' ||
    url.protocol === 'https:' ||
    (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!ok) throw inputError(field, `${url.protocol} is not allowed for a git remote`, fix);
  return text;
}

export function checkFileLocation(text: string, field = 'location'): string {
  if (!isAbsolute(text)) {
    throw inputError(field, `${quoteValue(text)} is not an absolute path`, 'give the full path');
  }
  return text;
}

/** What kind of source the user's text names, when --ref or --path do not say git already. */
export function guessSubscriptionKind(location: string, gitOptions: boolean): SubscriptionKind {
  if (gitOptions) return 'git';
  if (/^(ssh|file):\/\//.test(location) || /\.git\/?$/.test(location)) return 'git';
  if (/^[\w.-]+@[\w.-]+:/.test(location) && !location.includes('://')) return 'git';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return 'https';
  return 'file';
}

function checkLocation(kind: SubscriptionKind, value: unknown): string {
  const text = requireText(value, 'location', 'give a URL, a file path or a git remote');
  rejectHiddenChars(text, 'location');
  if (text.length > 2048) throw inputError('location', 'is too long', 'keep it under 2048');
  if (kind === 'https') return checkHttpsLocation(text);
  if (kind === 'git') return checkGitLocation(text);
  return checkFileLocation(text);
}

function checkRef(value: unknown): string {
  const fix = 'give a branch or tag name such as main or v2';
  const ref = requireText(value, 'ref', fix);
  if (!/^[\w./-]{1,255}$/.test(ref) || ref.startsWith('-') || ref.includes('..')) {
    throw inputError('ref', `${quoteValue(ref)} is not a branch or tag name`, fix);
  }
  return ref;
}

function checkRepoPath(value: unknown): string {
  const fix = 'give the path of the file inside the repository, such as team/catalog.json';
  const path = requireText(value, 'path', fix);
  const parts = path.split('/');
  if (path.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw inputError('path', `${quoteValue(path)} is not a path inside the repository`, fix);
  }
  rejectHiddenChars(path, 'path');
  return path;
}

export function checkPin(value: unknown, kind: SubscriptionKind): string {
  const fix =
    kind === 'git'
      ? 'give the full commit id (40 hex digits)'
      : 'give the SHA-256 of the file as 64 hex digits (sha256sum prints it)';
  const pin = requireText(value, 'sha256', fix).toLowerCase();
  const ok = kind === 'git' ? /^[0-9a-f]{40}([0-9a-f]{24})?$/ : /^[0-9a-f]{64}$/;
  if (!ok.test(pin)) throw inputError('sha256', `${quoteValue(pin)} is not a digest`, fix);
  return pin;
}

export function checkEvery(value: unknown): number {
  const fix = `use ${MIN_EVERY_SECONDS}–${MAX_EVERY_SECONDS} seconds`;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw inputError('every', 'must be a whole number of seconds', fix);
  }
  if (value < MIN_EVERY_SECONDS || value > MAX_EVERY_SECONDS) {
    throw inputError('every', `${value} s is out of range`, fix);
  }
  return value;
}

/** "90s", "15m", "1h", "1d" (or plain seconds) as seconds; an InputError for anything else. */
export function parseEvery(text: string): number {
  const match = /^(\d{1,7})([smhd]?)$/.exec(text.trim());
  if (!match) {
    throw inputError('--every', `${quoteValue(text)} is not a duration`, 'use e.g. 30m, 1h or 1d');
  }
  const scale = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return checkEvery(Number(match[1]) * scale);
}

/** Checks a whole subscription record (from catalog.json, the CLI or IPC). */
export function checkSubscriptionRecord(value: unknown): SubscriptionRecord {
  if (!isObject(value))
    throw inputError('subscription', 'must be an object', 'give its fields as an object');
  const unknown = Object.keys(value).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) {
    throw inputError('subscription', `has an unknown field ${quoteValue(unknown)}`, 'remove it');
  }
  const name = checkSubscriptionName(value.name, 'name');
  const kind = value.kind;
  if (kind !== 'https' && kind !== 'file' && kind !== 'git') {
    throw inputError('kind', `${quoteValue(String(kind))} is not a kind`, 'use https, file or git');
  }
  const record: { -readonly [K in keyof SubscriptionRecord]: SubscriptionRecord[K] } = {
    name,
    kind,
    location: checkLocation(kind, value.location),
  };
  if ((value.ref !== undefined || value.path !== undefined) && kind !== 'git') {
    throw inputError('ref', '--ref and --path are for git subscriptions', 'leave them out');
  }
  if (value.ref !== undefined) record.ref = checkRef(value.ref);
  if (value.path !== undefined) record.path = checkRepoPath(value.path);
  if (value.sha256 !== undefined) record.sha256 = checkPin(value.sha256, kind);
  if (value.everySeconds !== undefined) record.everySeconds = checkEvery(value.everySeconds);
  return record;
}
