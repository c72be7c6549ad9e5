import { Secret, type SessionCredentials } from '../secret';
import { StsError } from './sts-error';

/** The credential fields of an STS answer, however it was parsed. */
export interface CredentialFields {
  readonly accessKeyId: string | undefined;
  readonly secretAccessKey: string | undefined;
  readonly sessionToken: string | undefined;
  /** Epoch ms; undefined or NaN when the answer had none. */
  readonly expiresAt: number | undefined;
}

/** Wraps a complete set in Secrets; an incomplete one is a garbled answer, worth a retry. */
export function sessionCredentials(fields: CredentialFields): SessionCredentials {
  const { accessKeyId, secretAccessKey, sessionToken, expiresAt } = fields;
  if (
    !accessKeyId ||
    !secretAccessKey ||
    !sessionToken ||
    expiresAt === undefined ||
    !Number.isFinite(expiresAt)
  ) {
    throw new StsError(
      'retryable',
      'MalformedResponse',
      'STS response had no complete credentials',
      200,
    );
  }
  return {
    accessKeyId: new Secret(accessKeyId),
    secretAccessKey: new Secret(secretAccessKey),
    sessionToken: new Secret(sessionToken),
    expiresAt,
  };
}
