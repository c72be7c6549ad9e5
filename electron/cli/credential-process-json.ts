import type { SessionCredentials } from '../core/secret';
import { isoTime } from '../../shared/iso-time';

/**
 * The AWS `credential_process` answer (Version 1, with Expiration), one line.
 * `credential-process` and `env --json` both print it; one of the few places a
 * secret is printed, because handing the keys over is the protocol's point.
 */
export function credentialProcessJson(credentials: SessionCredentials): string {
  return `${JSON.stringify({
    Version: 1,
    AccessKeyId: credentials.accessKeyId.reveal(),
    SecretAccessKey: credentials.secretAccessKey.reveal(),
    SessionToken: credentials.sessionToken.reveal(),
    Expiration: isoTime(credentials.expiresAt),
  })}\n`;
}
