import { describe, expect, it } from 'vitest';
import { createCodeKeyPair, openCode } from '../../../electron/core/refresh/sealed-code';
import { emptyState } from '../../../electron/core/refresh/state-model';
import { codeContext } from '../../../electron/core/session/code-inbox';
import { CODE_KEY_GRACE_MS, sealForRefresher } from '../../../electron/core/session/code-sealing';

const NOW = 1_800_000_000_000;
const request = { id: 'req-1', roleId: 'role-1' };

describe('sealForRefresher', () => {
  const pair = createCodeKeyPair();
  const withKey = {
    ...emptyState(),
    codeKey: { publicKey: pair.publicKey, pid: 4242, createdAt: NOW },
  };

  it("seals to the lock holder's key, bound to the request", () => {
    const holder = { pid: 4242, startedAt: NOW - 1000 };
    const sealed = sealForRefresher(withKey, holder, '123456', request, NOW);
    expect(JSON.stringify(sealed)).not.toContain('123456');
    expect(openCode(pair.privateKey, sealed, codeContext('req-1', 'role-1'))).toBe('123456');
    expect(() => openCode(pair.privateKey, sealed, codeContext('req-2', 'role-1'))).toThrow(
      /sealed for another refresher or request/,
    );
  });

  it('names a refresher that has run a while without a key as too old', () => {
    const holder = { pid: 77, startedAt: NOW - CODE_KEY_GRACE_MS - 1 };
    expect(() => sealForRefresher(emptyState(), holder, '123456', request, NOW)).toThrow(
      /^the running refresher \(pid 77\) is too old to take MFA codes; restart it$/,
    );
    // A key left by an earlier refresher is not this one's.
    expect(() => sealForRefresher(withKey, holder, '123456', request, NOW)).toThrow(/too old/);
  });

  it('asks to wait for a one-shot command holding the lock, not to restart it', () => {
    for (const startedAt of [NOW - 100, NOW - CODE_KEY_GRACE_MS - 1]) {
      const holder = { pid: 91, startedAt, kind: 'cli' as const };
      expect(() => sealForRefresher(emptyState(), holder, '123456', request, NOW)).toThrow(
        /^another switchyard command \(pid 91\) is running; wait for it to finish and try again$/,
      );
    }
    const daemon = { pid: 77, startedAt: NOW - CODE_KEY_GRACE_MS - 1, kind: 'daemon' as const };
    expect(() => sealForRefresher(emptyState(), daemon, '123456', request, NOW)).toThrow(/too old/);
  });

  it('asks to try again while a refresher is still starting', () => {
    const holder = { pid: 77, startedAt: NOW - 100 };
    expect(() => sealForRefresher(emptyState(), holder, '123456', request, NOW)).toThrow(
      /^no refresher key yet; try again$/,
    );
  });
});
