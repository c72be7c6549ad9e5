import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createFileLogger } from '../../../electron/main/logger';
import { redactSecrets } from '../../../electron/main/redact-secrets';
import { PLANTED } from './shell-fixtures';

const isPosix = process.platform !== 'win32';

describe('redactSecrets', () => {
  it.each([
    ['an access key id', `key ${PLANTED.accessKeyId} was refused`],
    ['a long-term key id', 'AKIAIOSFODNN7EXAMPLE'],
    ['a secret access key', `secret ${PLANTED.secretAccessKey}`],
    ['a session token', `token ${PLANTED.sessionToken}`],
    ['an INI line', `aws_secret_access_key = ${PLANTED.secretAccessKey}`],
    ['a JSON field', `{"SessionToken":"${PLANTED.sessionToken}"}`],
    ['an env assignment', `AWS_SESSION_TOKEN=${PLANTED.sessionToken}`],
    ['a short named token', 'aws_session_token=abc123'],
    [
      'a sign-in URL',
      'https://signin.aws.amazon.com/federation?Action=login&SigninToken=abcDEF123',
    ],
    [
      'a presigned URL',
      'https://x.example/?X-Amz-Security-Token=FQoGZXIvYXdz&X-Amz-Signature=ab12',
    ],
  ])('cuts out %s', (_what, text) => {
    const out = redactSecrets(text);
    expect(out).toContain('[redacted]');
    for (const secret of [
      ...Object.values(PLANTED),
      'AKIAIOSFODNN7EXAMPLE',
      'abc123',
      'abcDEF123',
      'FQoGZXIvYXdz',
    ]) {
      expect(out).not.toContain(secret);
    }
  });

  it('leaves ordinary messages alone', () => {
    const text =
      'activated prod-admin (arn:aws:iam::123456789012:role/admin) until 2026-01-01T10:00:00.000Z';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('createFileLogger', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const tempDir = (): string => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-logs-'));
    return join(dir, 'logs');
  };
  const now = () => new Date(Date.UTC(2026, 0, 1, 9, 0, 0));

  it('writes one redacted line per entry, errors included', () => {
    const logs = tempDir();
    const logger = createFileLogger({ dir: logs, now });
    logger.info('started');
    logger.warn(
      `refresh failed for ${PLANTED.accessKeyId}`,
      new Error(`echo ${PLANTED.sessionToken}`),
    );
    logger.error('multi\nline');
    const text = readFileSync(join(logs, 'main.log'), 'utf8');
    expect(text.split('\n').filter(Boolean)).toEqual([
      '2026-01-01T09:00:00.000Z INFO started',
      '2026-01-01T09:00:00.000Z WARN refresh failed for [redacted] (Error: echo [redacted])',
      '2026-01-01T09:00:00.000Z ERROR multi line',
    ]);
  });

  it.skipIf(!isPosix)(
    'keeps files owner-only (0600 in a 0700 folder), tightening an old file',
    () => {
      const logs = tempDir();
      createFileLogger({ dir: logs, now }).info('x');
      expect(statSync(join(logs, 'main.log')).mode & 0o777).toBe(0o600);
      expect(statSync(logs).mode & 0o777).toBe(0o700);
      writeFileSync(join(logs, 'old.log'), 'x', { mode: 0o644 });
      createFileLogger({ dir: logs, fileName: 'old.log', now }).info('y');
      expect(statSync(join(logs, 'old.log')).mode & 0o777).toBe(0o600);
    },
  );

  it('rotates by size and keeps a bounded number of old files', () => {
    const logs = tempDir();
    const logger = createFileLogger({ dir: logs, maxBytes: 200, keep: 2, now });
    for (let i = 0; i < 40; i += 1)
      logger.info(`entry ${String(i).padStart(3, '0')} ${'.'.repeat(40)}`);
    expect(readdirSync(logs).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const name of readdirSync(logs)) {
      expect(statSync(join(logs, name)).size).toBeLessThanOrEqual(200);
    }
    expect(readFileSync(join(logs, 'main.log'), 'utf8')).toContain('entry 039');
    const rotated = readFileSync(join(logs, 'main.1.log'), 'utf8');
    expect(rotated).not.toContain('entry 039');
  });

  it('never throws when it cannot write', () => {
    const logs = tempDir();
    writeFileSync(logs, 'a file where the folder should be');
    const logger = createFileLogger({ dir: logs, now });
    expect(() => logger.error('still fine')).not.toThrow();
  });
});
