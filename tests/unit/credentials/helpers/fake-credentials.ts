import { Secret, type SessionCredentials } from '../../../../electron/core/secret';

/**
 * Credentials whose parts are unique, recognisable strings, so a test can prove
 * that none of them leaks into an error message, a result or console output.
 */
export function plantedCredentials(tag: string, expiresAt = Date.UTC(2026, 10, 22, 12, 34, 56)) {
  const accessKeyId = `ASIAPLANTED${tag.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
  const secretAccessKey = `planted-secret-${tag}-wJalrXUtnFEMI`;
  const sessionToken = `planted-token-${tag}-IQoJb3JpZ2luX2Vj`;
  const credentials: SessionCredentials = {
    accessKeyId: new Secret(accessKeyId),
    secretAccessKey: new Secret(secretAccessKey),
    sessionToken: new Secret(sessionToken),
    expiresAt,
  };
  return { credentials, plain: [accessKeyId, secretAccessKey, sessionToken] as const };
}

/** Throws if any planted secret appears in the given text. */
export function expectNoSecrets(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (text.includes(secret)) throw new Error('a planted secret leaked into the checked text');
  }
}
