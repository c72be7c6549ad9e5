import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: the bearer token a child presents as `Authorization`. */
export function newGrantToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 of a token's UTF-8 bytes: all that state.json ever holds of it. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function tokenSha256(token: string): string {
  return tokenDigest(token).toString('hex');
}

/** Constant-time comparison of a presented token's digest with a stored hex digest. */
export function digestMatches(digest: Buffer, storedHex: string): boolean {
  const stored = Buffer.from(storedHex, 'hex');
  return stored.length === digest.length && timingSafeEqual(stored, digest);
}
