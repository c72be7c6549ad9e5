import { createHash } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { SubscriptionStatus } from '../../../shared/subscription-model';
import { writeFileAtomic } from '../fs/atomic-write';
import { errorCode } from '../fs/fs-error-message';

/** Folder of every subscription's files, beside catalog.json. */
export function subscriptionsDir(configDir: string): string {
  return join(configDir, 'subscriptions');
}

/** What a subscription's status file holds: the status shown, and what the next fetch sends. */
export interface StoredStatus extends SubscriptionStatus {
  /** https: the ETag of the newest copy kept (pending, else applied). */
  readonly etag?: string;
  /** git: the commit of the newest copy kept. */
  readonly fetchedCommit?: string;
}

export const EMPTY_STATUS: StoredStatus = { conflicts: [] };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * One subscription's files in <config folder>/subscriptions: `<name>.status.json`
 * (the last sync: time, digest, error, conflicts, ETag), `<name>.applied`
 * (the copy whose roles are in the catalog: the last good copy, and the base
 * a sync compares user touches against) and `<name>.pending` (a newer valid
 * copy waiting for the user's review). git's shallow clone is `<name>/`.
 * Each is written atomically; none holds a secret.
 */
export class SubscriptionFiles {
  readonly #dir: string;
  readonly #name: string;

  constructor(configDir: string, name: string) {
    this.#dir = subscriptionsDir(configDir);
    this.#name = name;
  }

  get dir(): string {
    return this.#dir;
  }

  #path(suffix: string): string {
    return join(this.#dir, `${this.#name}.${suffix}`);
  }

  /** The status; a missing or damaged status file is an empty one (it is a cache of the last sync). */
  async status(): Promise<StoredStatus> {
    const text = await readIfExists(this.#path('status.json'));
    if (text === undefined) return EMPTY_STATUS;
    try {
      const parsed = JSON.parse(text.toString('utf8')) as StoredStatus;
      return Array.isArray(parsed.conflicts) ? parsed : EMPTY_STATUS;
    } catch {
      return EMPTY_STATUS;
    }
  }

  async writeStatus(status: StoredStatus): Promise<void> {
    await writeFileAtomic(this.#path('status.json'), `${JSON.stringify(status, undefined, 2)}\n`);
  }

  applied(): Promise<Buffer | undefined> {
    return readIfExists(this.#path('applied'));
  }

  pending(): Promise<Buffer | undefined> {
    return readIfExists(this.#path('pending'));
  }

  async writeApplied(bytes: Uint8Array): Promise<void> {
    await writeFileAtomic(this.#path('applied'), bytes);
    await removeIfExists(this.#path('pending'));
  }

  async writePending(bytes: Uint8Array): Promise<void> {
    await writeFileAtomic(this.#path('pending'), bytes);
  }

  /** Everything of this subscription (unsubscribe). */
  async removeAll(): Promise<void> {
    const { rm } = await import('node:fs/promises');
    for (const suffix of ['status.json', 'applied', 'pending']) {
      await removeIfExists(this.#path(suffix));
    }
    await rm(join(this.#dir, this.#name), { recursive: true, force: true });
  }
}

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

async function removeIfExists(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => {
    if (errorCode(error) !== 'ENOENT') throw error;
  });
}
