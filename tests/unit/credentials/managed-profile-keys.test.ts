import { describe, expect, it } from 'vitest';
import {
  EXPIRES_KEY,
  formatExpiry,
  MANAGED_KEY,
  MANAGED_VALUE,
  parseExpiry,
  ROLE_ARN_MARKER_KEY,
} from '../../../electron/core/credentials/managed-profile-keys';
import { decodeUtf8 } from '../../../electron/core/credentials/decode-utf8';
import { CredentialsFileError } from '../../../electron/core/credentials/credentials-file-error';

describe('marker keys and expiry', () => {
  it('names the marker keys', () => {
    expect([EXPIRES_KEY, ROLE_ARN_MARKER_KEY, MANAGED_KEY, MANAGED_VALUE]).toEqual([
      'x_switchyard_expires',
      'x_switchyard_role_arn',
      'x_switchyard_managed',
      'true',
    ]);
  });

  it('formats ISO 8601 UTC seconds, rounding down, without milliseconds', () => {
    expect(formatExpiry(Date.UTC(2026, 10, 22, 12, 34, 56, 999))).toBe('2026-11-22T12:34:56Z');
    expect(formatExpiry(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00Z');
    expect(() => formatExpiry(Number.NaN)).toThrow(RangeError);
  });

  it('parses what it writes and rejects what it does not understand', () => {
    expect(parseExpiry('2026-11-22T12:34:56Z')).toBe(Date.UTC(2026, 10, 22, 12, 34, 56));
    expect(parseExpiry('2026-11-22T12:34:56.250Z')).toBe(Date.UTC(2026, 10, 22, 12, 34, 56, 250));
    for (const bad of [undefined, '', 'soon', '2026-11-22 12:34:56', '2026-11-22T12:34:56+01:00']) {
      expect(parseExpiry(bad)).toBeUndefined();
    }
  });
});

describe('decodeUtf8', () => {
  it('keeps a BOM so that writing back keeps it', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'f')).toBe('\uFEFFa');
  });

  it('refuses invalid bytes, naming the line but not the bytes', () => {
    const bytes = Buffer.concat([Buffer.from('a\nb\nsecret'), Buffer.from([0xff, 0x0a])]);
    let error: unknown;
    try {
      decodeUtf8(bytes, '/x/credentials');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CredentialsFileError);
    expect((error as CredentialsFileError).code).toBe('not-utf8');
    expect((error as Error).message).toBe(
      '/x/credentials is not valid UTF-8 text (line 3); Switchyard will not edit it. Save it as UTF-8 and try again.',
    );
  });
});
