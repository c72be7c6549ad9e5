import { describe, expect, it } from 'vitest';
import { Secret } from '../../../electron/core/secret';
import {
  LAST_USE_MS,
  TOKEN_REFRESH_WINDOW_MS,
  tokenUsableUntil,
} from '../../../electron/core/sso/token-usable-until';
import type { SsoTokenRecord } from '../../../electron/core/sso/token-record';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = 1_800_000_000_000;

const token: SsoTokenRecord = {
  startUrl: 'https://d-9067a1b2c3.awsapps.com/start',
  region: 'eu-west-1',
  accessToken: new Secret('access'),
  expiresAt: T0 + HOUR,
};
const refreshable: SsoTokenRecord = {
  ...token,
  refreshToken: new Secret('refresh'),
  clientId: 'client',
  clientSecret: new Secret('client-secret'),
  registrationExpiresAt: T0 + 90 * DAY,
};

describe('tokenUsableUntil', () => {
  it('a token that cannot be refreshed serves until a minute before it expires', () => {
    expect(tokenUsableUntil(token)).toBe(T0 + HOUR - LAST_USE_MS);
    // A refresh token without its client registration cannot be used either.
    const noClient = { ...refreshable, clientId: undefined };
    expect(tokenUsableUntil(noClient)).toBe(T0 + HOUR - LAST_USE_MS);
  });

  it('a refreshable token serves until its client registration ends', () => {
    expect(tokenUsableUntil(refreshable)).toBe(T0 + 90 * DAY);
  });

  it('past the registration, the token in hand still serves until its refresh window', () => {
    const ended = { ...refreshable, registrationExpiresAt: T0 - DAY };
    expect(tokenUsableUntil(ended)).toBe(T0 + HOUR - TOKEN_REFRESH_WINDOW_MS);
  });
});
