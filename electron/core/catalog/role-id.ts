import { createHash, randomBytes } from 'node:crypto';

// Lowercase letters and digits without the look-alikes 0/o and 1/l, so an id
// read off a screen can be typed back.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const ID_LENGTH = 8;

function encode(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return out;
}

/**
 * A new role id: 8 characters (40 bits) drawn at random, never one in `taken`.
 * Ids never change afterwards, whatever else about the role does.
 */
export function newRoleId(
  taken: ReadonlySet<string>,
  random: (size: number) => Uint8Array = randomBytes,
): string {
  for (;;) {
    const id = encode(random(ID_LENGTH), ID_LENGTH);
    if (!taken.has(id)) return id;
  }
}

/**
 * An id derived from `seed` (e.g. the config profile a role was imported from),
 * so planning the same import twice gives the same ids. A clash with `taken`
 * moves on to the next hash.
 */
export function derivedRoleId(seed: string, taken: ReadonlySet<string>): string {
  for (let attempt = 0; ; attempt++) {
    const digest = createHash('sha256').update(`${attempt}:${seed}`).digest();
    const id = encode(digest, ID_LENGTH);
    if (!taken.has(id)) return id;
  }
}
