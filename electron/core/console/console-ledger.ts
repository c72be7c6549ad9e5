import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { writeFileAtomic } from '../fs/atomic-write';
import { withLock } from '../fs/file-lock';

/**
 * Which roles Switchyard opened in the system browser lately. What identities
 * the console holds lives in the browser's cookies, out of our reach; this is
 * the part we can know: our own sign-ins there within the longest a console
 * session lasts. A browser Switchyard starts with a profile or container per
 * role keeps identities apart, so only the system browser is counted.
 */

export const LEDGER_FILE = 'console-opened.json';

/** The longest console session (federated or switched): 12 hours. */
export const CONSOLE_SESSION_MS = 12 * 60 * 60_000;

/** AWS multi-session holds up to this many identities in one browser. */
export const MULTI_SESSION_LIMIT = 5;

export interface OpenedConsole {
  readonly roleArn: string;
  readonly at: number;
}

/** Entries still within a console session's life, one per role (its latest), newest first. */
export function liveEntries(entries: readonly OpenedConsole[], now: number): OpenedConsole[] {
  const latest = new Map<string, number>();
  for (const { roleArn, at } of entries) {
    if (at > now - CONSOLE_SESSION_MS && at <= now && (latest.get(roleArn) ?? 0) < at) {
      latest.set(roleArn, at);
    }
  }
  return [...latest].map(([roleArn, at]) => ({ roleArn, at })).sort((a, b) => b.at - a.at);
}

/** The other roles Switchyard signed in to in the system browser during the last 12 hours. */
export function otherIdentities(
  entries: readonly OpenedConsole[],
  roleArn: string,
  now: number,
): string[] {
  return liveEntries(entries, now)
    .map((entry) => entry.roleArn)
    .filter((arn) => arn !== roleArn);
}

/** The note for the user, or undefined when Switchyard opened no other role there. */
export function multiSessionNote(others: number): string | undefined {
  if (others === 0) return undefined;
  const roles = others === 1 ? '1 other role' : `${others} other roles`;
  const full =
    others + 1 > MULTI_SESSION_LIMIT ? ' (more than it holds: the oldest is signed out)' : '';
  return `the system browser's console may also hold ${roles} Switchyard opened there in the last 12 hours; with multi-session turned on it keeps up to ${MULTI_SESSION_LIMIT} identities${full}, without it this sign-in replaces the one there. A browser per role (--browser) keeps them apart.`;
}

function parse(text: string): OpenedConsole[] {
  try {
    const value = JSON.parse(text) as { opened?: unknown };
    if (!Array.isArray(value.opened)) return [];
    return value.opened.filter(
      (entry): entry is OpenedConsole =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as OpenedConsole).roleArn === 'string' &&
        typeof (entry as OpenedConsole).at === 'number',
    );
  } catch {
    // A damaged ledger only costs the note: start a new one.
    return [];
  }
}

export async function readLedger(configDir: string): Promise<OpenedConsole[]> {
  try {
    return parse(await readFile(join(configDir, LEDGER_FILE), 'utf8'));
  } catch {
    return [];
  }
}

/**
 * Records that `roleArn` was opened in the system browser and returns the
 * other roles opened there before it (within a console session's life).
 */
export async function noteOpened(
  configDir: string,
  roleArn: string,
  now: number,
): Promise<string[]> {
  const path = join(configDir, LEDGER_FILE);
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  return withLock(path, async () => {
    const entries = await readLedger(configDir);
    const others = otherIdentities(entries, roleArn, now);
    const kept = liveEntries([...entries, { roleArn, at: now }], now);
    await writeFileAtomic(path, `${JSON.stringify({ opened: kept })}\n`);
    return others;
  });
}
