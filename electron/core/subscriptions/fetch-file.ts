import { fsErrorMessage } from '../fs/fs-error-message';
import { openRegularFile } from '../fs/regular-file';
import {
  SubscriptionFetchError,
  tooLarge,
  type FetchLimits,
  type FetchResult,
} from './fetch-types';

/**
 * A subscribed file on this machine (a shared drive, a synced folder): a
 * regular file only (a FIFO would block), its size checked before it is read
 * and again while reading (it may grow meanwhile).
 */
export async function fetchFile(path: string, limits: FetchLimits): Promise<FetchResult> {
  let handle;
  try {
    handle = await openRegularFile(path);
  } catch (error) {
    throw new SubscriptionFetchError(fsErrorMessage(error, path, 'read'));
  }
  try {
    const { size } = await handle.stat();
    if (size > limits.maxBytes) throw tooLarge(limits);
    const buffer = Buffer.alloc(limits.maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limits.maxBytes) throw tooLarge(limits);
    }
    return { kind: 'fetched', bytes: Buffer.from(buffer.subarray(0, length)) };
  } catch (error) {
    if (error instanceof SubscriptionFetchError) throw error;
    throw new SubscriptionFetchError(fsErrorMessage(error, path, 'read'));
  } finally {
    await handle.close();
  }
}
