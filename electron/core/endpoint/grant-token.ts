import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: the bearer token a child presents as `Authorization`. */
export function newGrantToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 of a token's UTF-8 bytes: all that state.json ever holds of it. */
export function tokenDigest(token: string): Buffer {
  // One-shot: no Hash object per request (the endpoint hashes every token it is shown).
  return hash('sha256', token, 'buffer');
}

export function tokenSha256(token: string): string {
  return tokenDigest(token).toString('hex');
}

/** A stored hex digest as bytes, decoded once when the grants are read (not per request). */
export function storedDigest(storedHex: string): Buffer {
  return Buffer.from(storedHex, 'hex');
}

/** Constant-time comparison of a presented token's digest with a stored one (storedDigest). */
export function digestMatches(digest: Buffer, stored: Buffer): boolean {
  return stored.length === digest.length && timingSafeEqual(stored, digest);
}
