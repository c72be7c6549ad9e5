import { mkdir, writeFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProfileChange } from '../../../electron/core/credentials/credentials-file';
import { Secret } from '../../../electron/core/secret';
import { expectNoSecrets, plantedCredentials } from './helpers/fake-credentials';
import { ROLE_ARN, setupFiles } from './helpers/credentials-setup';
import { useTempDirs } from './helpers/temp-dirs';

const tempDir = useTempDirs();
afterEach(() => {
  vi.restoreAllMocks();
});

const describeOutcome = (value: unknown): string =>
  [
    inspect(value, { depth: 10 }),
    value instanceof Error ? `${value.message}\n${value.stack}\n${inspect(value.cause)}` : '',
    (() => {
      try {
        return JSON.stringify(value);
      } catch {
        return '';
      }
    })(),
  ].join('\n');

describe('secrets stay secret', () => {
  it('never appear in results, refusals, errors or console output', async () => {
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map(
      (method) => vi.spyOn(console, method).mockImplementation(() => undefined),
    );
    const ours = plantedCredentials('leak');
    const userKeys = ['AKIAPLANTEDUSERKEY', 'planted-user-secret-7q8w9e'];
    const planted = [...ours.plain, ...userKeys, 'planted secret with space'];
    const put = (profile: string, force?: boolean): ProfileChange => ({
      type: 'put',
      profile,
      credentials: ours.credentials,
      roleArn: ROLE_ARN,
      force,
    });
    const outcomes: unknown[] = [];
    const record = async (work: Promise<unknown>) =>
      outcomes.push(await work.catch((e: unknown) => e));

    const userFile = [
      '[user]',
      `aws_access_key_id = ${userKeys[0]}`,
      `aws_secret_access_key = ${userKeys[1]}`,
      '',
      '[dup]',
      `aws_secret_access_key = ${userKeys[1]}`,
      '[dup]',
      'region = x',
      '',
    ].join('\n');
    const setup = await setupFiles(
      await tempDir(),
      { credentials: userFile, config: '[profile role]\nrole_arn = arn:aws:iam::1:role/r\n' },
      { lockTimeoutMs: 100 },
    );
    const changes = [
      put('user'),
      put('dup'),
      put('role'),
      put('fresh'),
      { type: 'remove', profile: 'user' } as const,
    ];
    outcomes.push(changes);
    await record(setup.file.apply(changes));
    await record(setup.file.apply([put('user', true)]));
    await record(setup.file.checkWritable('dup'));
    await record(setup.file.listManaged());

    // A secret that cannot be written as-is.
    const spaced = {
      ...ours.credentials,
      secretAccessKey: new Secret('planted secret with space'),
    };
    await record(
      setup.file.apply([{ type: 'put', profile: 'x', credentials: spaced, roleArn: ROLE_ARN }]),
    );

    // Not UTF-8, with secrets around the bad byte.
    const latin1 = await setupFiles(await tempDir(), {
      credentials: Buffer.concat([
        Buffer.from(`[a]\nk = ${userKeys[1]}`),
        Buffer.from([0xe9, 0x0a]),
      ]),
    });
    await record(latin1.file.apply([put('a')]));

    // Locked, and a directory in place of the file.
    const locked = await setupFiles(await tempDir(), {}, { lockTimeoutMs: 100 });
    await writeFile(
      `${locked.paths.credentialsPath}.switchyard.lock`,
      JSON.stringify({
        pid: process.pid,
        hostname: 'other-host',
        createdAt: new Date().toISOString(),
      }),
    );
    await record(locked.file.apply([put('a')]));
    const directory = await setupFiles(await tempDir());
    await mkdir(directory.paths.credentialsPath);
    await record(directory.file.apply([put('a')]));

    expect(outcomes).toHaveLength(9);
    for (const outcome of outcomes) expectNoSecrets(describeOutcome(outcome), planted);
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();

    // The write itself did happen, with the real values: the test would be empty otherwise.
    expect(await setup.read()).toContain(ours.plain[1]);
  });
});
