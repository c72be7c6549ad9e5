import { describe, expect, it } from 'vitest';
import { classifyStsError, StsError } from '../../../electron/core/sts/sts-error';

function sdkError(name: string, message: string, status?: number): Error {
  const err = new Error(message) as Error & { $metadata: { httpStatusCode?: number } };
  err.name = name;
  err.$metadata = status === undefined ? {} : { httpStatusCode: status };
  return err;
}

describe('classifyStsError', () => {
  const cases: [string, Error, StsError['kind'], string][] = [
    ['throttling', sdkError('Throttling', 'Rate exceeded', 400), 'retryable', 'Throttling'],
    [
      'ThrottlingException',
      sdkError('ThrottlingException', 'slow down', 400),
      'retryable',
      'ThrottlingException',
    ],
    [
      'HTTP 429 with an unknown code',
      sdkError('Whatever', 'too many', 429),
      'retryable',
      'Whatever',
    ],
    ['HTTP 500', sdkError('InternalFailure', 'oops', 500), 'retryable', 'InternalFailure'],
    ['HTTP 503 unknown code', sdkError('Unknown', 'unavailable', 503), 'retryable', 'Unknown'],
    ['RequestTimeout', sdkError('RequestTimeout', 'timed out', 400), 'retryable', 'RequestTimeout'],
    [
      'IDPCommunicationError',
      sdkError('IDPCommunicationError', 'idp', 400),
      'retryable',
      'IDPCommunicationError',
    ],
    [
      'AccessDenied',
      sdkError('AccessDenied', 'User: x is not authorized to perform: sts:AssumeRole', 403),
      'needs-user',
      'AccessDenied',
    ],
    [
      'ExpiredToken',
      sdkError('ExpiredToken', 'The security token included in the request is expired', 400),
      'needs-user',
      'ExpiredToken',
    ],
    [
      'InvalidClientTokenId',
      sdkError(
        'InvalidClientTokenId',
        'The security token included in the request is invalid',
        403,
      ),
      'needs-user',
      'InvalidClientTokenId',
    ],
    [
      'no credentials',
      sdkError('CredentialsProviderError', 'Could not load credentials from any providers'),
      'needs-user',
      'CredentialsProviderError',
    ],
    [
      'ValidationError',
      sdkError(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
        400,
      ),
      'invalid-request',
      'ValidationError',
    ],
    [
      'MalformedPolicyDocument',
      sdkError('MalformedPolicyDocumentException', 'bad policy', 400),
      'invalid-request',
      'MalformedPolicyDocumentException',
    ],
    [
      'PackedPolicyTooLarge',
      sdkError('PackedPolicyTooLargeException', 'too large', 400),
      'invalid-request',
      'PackedPolicyTooLargeException',
    ],
    [
      'RegionDisabled',
      sdkError('RegionDisabledException', 'STS is not activated in this region', 403),
      'invalid-request',
      'RegionDisabledException',
    ],
    ['unknown 4xx', sdkError('SomethingNew', 'new error', 400), 'invalid-request', 'SomethingNew'],
  ];

  it.each(cases)('%s', (_label, error, kind, code) => {
    const classified = classifyStsError(error);
    expect(classified.kind).toBe(kind);
    expect(classified.code).toBe(code);
    // AWS's own message is kept.
    expect(classified.message).toContain(error.message);
  });

  it('recognises a failed MFA code', () => {
    const err = classifyStsError(
      sdkError(
        'AccessDenied',
        'MultiFactorAuthentication failed with invalid MFA one time pass code.',
        403,
      ),
    );
    expect(err.kind).toBe('needs-user');
    expect(err.mfaFailed).toBe(true);
  });

  it('explains clock skew', () => {
    const err = classifyStsError(
      sdkError(
        'SignatureDoesNotMatch',
        'Signature expired: 20261122T100000Z is now earlier than 20261122T101500Z (20261122T103000Z - 15 min.)',
        403,
      ),
    );
    expect(err.kind).toBe('needs-user');
    expect(err.message).toMatch(/clock/);
  });

  it('treats network errors, even nested as a cause, as retryable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    expect(classifyStsError(refused)).toMatchObject({ kind: 'retryable', code: 'ECONNREFUSED' });
    const wrapped = new Error('fetch failed', {
      cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
    });
    expect(classifyStsError(wrapped)).toMatchObject({ kind: 'retryable', code: 'ECONNRESET' });
  });

  it('treats an unreadable 200 response as retryable', () => {
    const err = classifyStsError(sdkError('Error', 'Unexpected end of XML input', 200));
    expect(err).toMatchObject({ kind: 'retryable', code: 'MalformedResponse' });
  });

  it('passes an StsError through unchanged', () => {
    const original = new StsError('needs-user', 'AccessDenied', 'x', 403);
    expect(classifyStsError(original)).toBe(original);
  });

  it('copes with non-Error throwables', () => {
    expect(classifyStsError('boom').message).toContain('boom');
    expect(classifyStsError(undefined).kind).toBe('retryable');
  });
});
