import { describe, expect, it } from 'vitest';
import { awsUriEncode, formBody, signRequest, toAmzDate } from '../../../electron/core/sts/sigv4';
import { parseAuthorization, referenceSignature } from '../../support/verify-sigv4';

const KEYS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const AT = Date.UTC(2026, 11, 1, 15, 41, 34);

/** Signs with ours, then recomputes with the AWS SDK's signer from what went on the wire. */
async function bothSignatures(options: {
  host?: string;
  path?: string;
  body?: string;
  sessionToken?: string;
  region?: string;
}) {
  const body =
    options.body ??
    formBody([
      ['Action', 'AssumeRole'],
      ['Version', '2011-06-15'],
    ]);
  const headers = signRequest(
    {
      method: 'POST',
      host: options.host ?? 'sts.eu-west-1.amazonaws.com',
      path: options.path ?? '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
      region: options.region ?? 'eu-west-1',
      service: 'sts',
      at: AT,
    },
    { ...KEYS, ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}) },
  );
  const auth = parseAuthorization(headers.authorization);
  if (!auth) throw new Error(`unparseable Authorization: ${headers.authorization}`);
  const reference = await referenceSignature(
    { method: 'POST', url: options.path ?? '/', headers, body },
    auth,
    KEYS.secretAccessKey,
    new Date(AT),
  );
  return { ours: auth.signature, reference, auth, headers };
}

describe('signRequest', () => {
  it('matches the AWS SDK signer for an STS form POST', async () => {
    const { ours, reference, auth, headers } = await bothSignatures({});
    expect(ours).toBe(reference);
    expect(auth).toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      day: '20261201',
      region: 'eu-west-1',
      service: 'sts',
      signedHeaders: ['content-type', 'host', 'x-amz-date'],
    });
    expect(headers['x-amz-date']).toBe('20261201T154134Z');
  });

  it('signs the session token when there is one', async () => {
    const { ours, reference, auth, headers } = await bothSignatures({
      sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE/token+with=base64==',
    });
    expect(ours).toBe(reference);
    expect(auth.signedHeaders).toContain('x-amz-security-token');
    expect(headers['x-amz-security-token']).toBe('IQoJb3JpZ2luX2VjEXAMPLE/token+with=base64==');
  });

  it('matches for a local endpoint with a port, a path, another partition and an awkward body', async () => {
    const body = formBody([
      ['Action', 'AssumeRole'],
      ['RoleSessionName', "a+b=c,d.e@f-g_h!'()*"],
      ['ExternalId', 'ext/42:x y&z'],
      ['Policy', '{"Statement":[{"Effect":"Allow"}]} ü'],
    ]);
    for (const options of [
      { host: '127.0.0.1:45678', path: '/', body },
      { host: 'sts.cn-north-1.amazonaws.com.cn', region: 'cn-north-1', body },
      { host: 'proxy.example:8443', path: '/sts/', body },
    ]) {
      const { ours, reference } = await bothSignatures(options);
      expect(ours).toBe(reference);
    }
  });

  it('gives a different signature for a different secret, body or time', async () => {
    const base = await bothSignatures({});
    const other = await bothSignatures({ body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(other.ours).not.toBe(base.ours);
    const wrongSecret = await referenceSignature(
      {
        method: 'POST',
        url: '/',
        headers: base.headers,
        body: formBody([
          ['Action', 'AssumeRole'],
          ['Version', '2011-06-15'],
        ]),
      },
      base.auth,
      `${KEYS.secretAccessKey}x`,
      new Date(AT),
    );
    expect(wrongSecret).not.toBe(base.ours);
  });
});

describe('Query encoding', () => {
  it('percent-encodes as RFC 3986, like the SDKs', () => {
    expect(awsUriEncode("a b+c/d=e&f!'()*~._-")).toBe('a%20b%2Bc%2Fd%3De%26f%21%27%28%29%2A~._-');
    expect(
      formBody([
        ['RoleArn', 'arn:aws:iam::1:role/x'],
        ['TokenCode', '012345'],
      ]),
    ).toBe('RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx&TokenCode=012345');
  });

  it('formats X-Amz-Date in UTC, seconds only', () => {
    expect(toAmzDate(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe('20260102T030405Z');
  });
});
