import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/**
 * One-time codes (MFA) on their way from a passive process to the refresher
 * through state.json, which is a file on disk: the code must never be in it in
 * clear. The refresher makes an X25519 key pair when it starts, keeps the
 * private half in memory only and publishes the public half in the state file;
 * a passive process seals the code to it (an ephemeral X25519 key, HKDF-SHA256,
 * AES-256-GCM) and binds it to its request (id and role), so a sealed code
 * cannot be moved to another request. A new refresher has a new key, so codes
 * sealed for a dead one are unreadable, which is what a one-time code wants.
 */
export interface SealedCode {
  /** The sender's ephemeral public key, raw 32 bytes, base64. */
  readonly epk: string;
  readonly iv: string;
  readonly ct: string;
  readonly tag: string;
}

export interface CodeKeyPair {
  /** Raw 32-byte X25519 public key, base64: safe to publish. */
  readonly publicKey: string;
  /** Never written anywhere. */
  readonly privateKey: KeyObject;
}

const INFO = Buffer.from('switchyard sealed code v1');
// The fixed DER prefix of an X25519 SubjectPublicKeyInfo; the raw key follows it.
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export class SealedCodeError extends Error {
  override readonly name = 'SealedCodeError';
}

export function createCodeKeyPair(): CodeKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: rawPublicKey(publicKey).toString('base64'), privateKey };
}

/** Seals `code` to the refresher's published key, bound to `context` (request id and role). */
export function sealCode(publicKey: string, code: string, context: string): SealedCode {
  const recipient = publicKeyFromRaw(publicKey);
  const ephemeral = generateKeyPairSync('x25519');
  const key = derive(
    diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }),
    context,
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ct = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return {
    epk: rawPublicKey(ephemeral.publicKey).toString('base64'),
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Opens a sealed code with the refresher's private key; throws SealedCodeError if it was not sealed to it for `context`. */
export function openCode(privateKey: KeyObject, sealed: SealedCode, context: string): string {
  try {
    const shared = diffieHellman({ privateKey, publicKey: publicKeyFromRaw(sealed.epk) });
    const decipher = createDecipheriv(
      'aes-256-gcm',
      derive(shared, context),
      Buffer.from(sealed.iv, 'base64'),
    );
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed.ct, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new SealedCodeError(
      'the code was sealed for another refresher or request (the refresher restarted?); send it again',
    );
  }
}

function derive(shared: Buffer, context: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(context), INFO, 32));
}

function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ type: 'spki', format: 'der' });
  return der.subarray(X25519_SPKI_PREFIX.length);
}

function publicKeyFromRaw(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32) throw new SealedCodeError('the refresher published a malformed key');
  return createPublicKey({
    key: Buffer.concat([X25519_SPKI_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
}
