import { describe, expect, it } from 'vitest';
import {
  createCodeKeyPair,
  openCode,
  sealCode,
  SealedCodeError,
} from '../../../electron/core/refresh/sealed-code';

describe('sealed one-time codes', () => {
  it('opens with the refresher key for the same request, and the sealed form never holds the code', () => {
    const refresher = createCodeKeyPair();
    expect(Buffer.from(refresher.publicKey, 'base64')).toHaveLength(32);
    const sealed = sealCode(refresher.publicKey, '123456', 'req-1 prod');
    expect(JSON.stringify(sealed)).not.toContain('123456');
    expect(Buffer.from(JSON.stringify(sealed)).toString('base64')).not.toContain(
      Buffer.from('123456').toString('base64'),
    );
    expect(openCode(refresher.privateKey, sealed, 'req-1 prod')).toBe('123456');
  });

  it('two seals of one code differ (fresh ephemeral key and nonce each time)', () => {
    const { publicKey } = createCodeKeyPair();
    const a = sealCode(publicKey, '123456', 'c');
    const b = sealCode(publicKey, '123456', 'c');
    expect(a.epk).not.toBe(b.epk);
    expect(a.ct).not.toBe(b.ct);
  });

  it('refuses another refresher, another request, and any tampering', () => {
    const refresher = createCodeKeyPair();
    const sealed = sealCode(refresher.publicKey, '654321', 'req-1 prod');
    expect(() => openCode(createCodeKeyPair().privateKey, sealed, 'req-1 prod')).toThrow(
      SealedCodeError,
    );
    expect(() => openCode(refresher.privateKey, sealed, 'req-2 prod')).toThrow(SealedCodeError);
    const flip = (b64: string): string => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0]! ^= 1;
      return bytes.toString('base64');
    };
    for (const field of ['epk', 'iv', 'ct', 'tag'] as const) {
      expect(() =>
        openCode(refresher.privateKey, { ...sealed, [field]: flip(sealed[field]) }, 'req-1 prod'),
      ).toThrow(/sealed for another refresher or request/);
    }
  });

  it('refuses a malformed published key in one line', () => {
    expect(() => sealCode('AAAA', '123456', 'c')).toThrow(/malformed key/);
  });
});
