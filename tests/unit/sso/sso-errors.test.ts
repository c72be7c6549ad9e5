import { describe, expect, it } from 'vitest';
import { Secret } from '../../../electron/core/secret';
import {
  classifySsoError,
  safeLine,
  SsoError,
  SsoSignInNeeded,
} from '../../../electron/core/sso/sso-errors';

const sdkError = (name: string, status: number, message = 'said the service') =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('classifySsoError', () => {
  it.each([
    ['ThrottlingException', 429, 'retryable'],
    ['SlowDownException', 400, 'retryable'],
    ['InternalServerException', 500, 'retryable'],
    ['Unknown', 502, 'retryable'],
    ['InvalidGrantException', 400, 'needs-user'],
    ['InvalidClientException', 401, 'needs-user'],
    ['UnauthorizedException', 401, 'needs-user'],
    ['AccessDeniedException', 400, 'needs-user'],
    ['InvalidRequestException', 400, 'invalid-request'],
    ['InvalidScopeException', 400, 'invalid-request'],
  ])('%s (HTTP %i) is %s', (name, status, kind) => {
    const error = classifySsoError(sdkError(name, status), 'the OIDC service');
    expect(error).toBeInstanceOf(SsoError);
    expect(error.kind).toBe(kind);
    expect(error.code).toBe(name);
    expect(error.httpStatus).toBe(status);
  });

  it('network faults are retryable, untrusted TLS is the user’s to fix', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifySsoError(reset, 'x').kind).toBe('retryable');
    const tls = Object.assign(new Error('self-signed'), {
      cause: { code: 'SELF_SIGNED_CERT_IN_CHAIN' },
    });
    const classified = classifySsoError(tls, 'the OIDC service');
    expect(classified.kind).toBe('needs-user');
    expect(classified.message).toMatch(/AWS_CA_BUNDLE/);
  });

  it('cuts every secret the call carried out of the message, and keeps it to one line', () => {
    const token = new Secret('rt-very-secret-refresh-token');
    const echoed = sdkError('Unknown', 400, `proxy refused\n body: ${token.reveal()}\n`);
    const error = classifySsoError(echoed, 'the OIDC service', [token, undefined]);
    expect(error.message).not.toContain(token.reveal());
    expect(error.message).toContain('[redacted]');
    expect(error.message.split('\n')).toHaveLength(1);
    expect(safeLine('x'.repeat(1000)).length).toBeLessThanOrEqual(300);
  });

  it('SsoSignInNeeded names the session and the reason', () => {
    const error = new SsoSignInNeeded('work', 'the refresh token was refused');
    expect(error.message).toBe(
      'Identity Center session "work" needs a new sign-in: the refresh token was refused',
    );
    expect(error.session).toBe('work');
  });
});
