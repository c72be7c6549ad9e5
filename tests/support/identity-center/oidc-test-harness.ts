/**
 * A fake OIDC service for one test file, reached only through
 * AWS_ENDPOINT_URL_SSO_OIDC (there is no internet here: an SDK that went to
 * oidc.<region>.amazonaws.com instead would fail on DNS). Every error a test
 * passes through `failure()` is checked, when the file ends, for every secret
 * the service handed out, and for being one line.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { FakeOidcServer } from './fake-oidc-server';
import { TokenBook } from './token-book';

export const START_URL = 'https://d-1234567890.awsapps.com/start';
export const REGION = 'eu-west-1';
export const SCOPES = ['sso:account:access'];

export interface OidcHarness {
  readonly server: FakeOidcServer;
  readonly tokens: TokenBook;
  /** The error a promise rejects with, kept for the leak check. */
  failure(promise: Promise<unknown>): Promise<Error>;
}

export function useFakeOidc(): OidcHarness {
  const tokens = new TokenBook();
  const server = new FakeOidcServer({ tokens, startUrl: START_URL });
  const messages: string[] = [];
  const saved = process.env.AWS_ENDPOINT_URL_SSO_OIDC;

  beforeAll(async () => {
    await server.start();
    process.env.AWS_ENDPOINT_URL_SSO_OIDC = server.url;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SSO_OIDC;
    else process.env.AWS_ENDPOINT_URL_SSO_OIDC = saved;
    await server.close();
    const secrets = server.issuedSecrets();
    expect(secrets.length).toBeGreaterThan(3);
    expect(messages.length).toBeGreaterThan(3);
    for (const message of messages) {
      expect(message.split('\n')).toHaveLength(1);
      for (const secret of secrets) expect(message).not.toContain(secret);
    }
  });
  afterEach(() => {
    server.settings.autoApprove = true;
    server.deny();
  });

  return {
    server,
    tokens,
    async failure(promise) {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      messages.push((error as Error).message, String(error));
      return error as Error;
    },
  };
}
