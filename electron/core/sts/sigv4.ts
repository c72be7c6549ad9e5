import { createHash, createHmac } from 'node:crypto';
import { isoTime } from '../../../shared/iso-time';

/**
 * AWS Signature Version 4 for one request with a body (the Query protocol's form
 * POST), as the SigV4 reference describes it: canonical request, string to sign,
 * a signing key derived from the secret, the date, region and service.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */

export interface SigningKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface RequestToSign {
  readonly method: 'POST';
  /** The Host header as sent: hostname, and `:port` when it is not the scheme's default. */
  readonly host: string;
  /** Absolute path, already URI-encoded as sent ("/" for STS). */
  readonly path: string;
  /** Lower-case names; host, x-amz-date and the token are added here. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly region: string;
  readonly service: string;
  /** The signing time, epoch ms. */
  readonly at: number;
}

/** The request's headers with `host`, `x-amz-date`, the token and `authorization` added. */
export function signRequest(request: RequestToSign, keys: SigningKeys): Record<string, string> {
  const amzDate = toAmzDate(request.at);
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...request.headers,
    host: request.host,
    'x-amz-date': amzDate,
    ...(keys.sessionToken ? { 'x-amz-security-token': keys.sessionToken } : {}),
  };
  const names = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort();
  const byName = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names
    .map((name) => `${name}:${(byName.get(name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method,
    request.path,
    '', // no query string: the parameters are in the body
    canonicalHeaders,
    signedHeaders,
    sha256Hex(request.body),
  ].join('\n');
  const scope = `${day}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = [day, request.region, request.service, 'aws4_request'].reduce<Buffer>(
    (key, part) => hmac(key, part),
    Buffer.from(`AWS4${keys.secretAccessKey}`, 'utf8'),
  );
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  headers.authorization =
    `AWS4-HMAC-SHA256 Credential=${keys.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

/** 20261201T154134Z */
export function toAmzDate(ms: number): string {
  return isoTime(ms)
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * RFC 3986 percent-encoding, as SigV4 and the AWS SDKs encode Query parameters
 * (encodeURIComponent leaves !'()* alone).
 */
export function awsUriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A form body in the given order: `Action=…&Version=…&…`. */
export function formBody(params: readonly (readonly [string, string])[]): string {
  return params.map(([k, v]) => `${awsUriEncode(k)}=${awsUriEncode(v)}`).join('&');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
