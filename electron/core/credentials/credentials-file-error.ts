export type RefusalCode =
  'refused-long-term-keys' | 'refused-role-profile' | 'duplicate-section' | 'not-managed';

export type CredentialsFileErrorCode = RefusalCode | 'not-utf8' | 'io' | 'lock';

/**
 * Why the credentials file was not read or written. The message names the
 * file, the profile and the fix; it never contains a key, secret or token.
 */
export class CredentialsFileError extends Error {
  override readonly name = 'CredentialsFileError';

  constructor(
    readonly code: CredentialsFileErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
