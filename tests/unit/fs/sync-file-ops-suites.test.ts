/**
 * The engine's file layer with the synchronous FileOps that `switchyard assume`
 * chooses (core/fs/sync-file-ops.ts): the same suites as with fs.promises, run
 * again in this file with the sync ops chosen for every test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseFileOps, fileOps } from '../../../electron/core/fs/file-ops';
import { syncFileOps } from '../../../electron/core/fs/sync-file-ops';
import './atomic-write.test';
import './not-regular-file.test';
import './read-only-and-errno.test';
import './stable-read.test';
import './sweep-temp-files.test';
import '../credentials/credentials-file.test';
import '../credentials/credentials-file-late-writes.test';
import '../credentials/credentials-file-adopt.test';

beforeAll(() => chooseFileOps(syncFileOps));
afterAll(() => chooseFileOps(undefined));

describe('these suites', () => {
  it('run with the synchronous file calls chosen', () => {
    expect(fileOps()).toBe(syncFileOps);
  });
});
