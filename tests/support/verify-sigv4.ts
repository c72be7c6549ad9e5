/**
 * Server-side SigV4 check for the test STS server, computed with the AWS SDK's own
 * signer (@smithy/signature-v4), an implementation independent of Switchyard's:
 * a request Switchyard signed itself verifies only if both agree byte for byte.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';

export interface SignedRequestParts {
  readonly method: string;
  /** req.url: path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface AuthorizationHeader {
  readonly accessKeyId: string;
  readonly day: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

export function parseAuthorization(value: string | undefined): AuthorizationHeader | undefined {
  const m = AUTHORIZATION.exec(value ?? '');
  if (!m) return undefined;
  return {
    accessKeyId: m[1]!,
    day: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: m[5]!.split(';'),
    signature: m[6]!,
  };
}

/** The signature the SDK's signer computes for the request, given the caller's secret. */
export async function referenceSignature(
  request: SignedRequestParts,
  auth: AuthorizationHeader,
  secretAccessKey: string,
  signedAt: Date,
): Promise<string> {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : (value ?? '');
  };
  const token = request.headers['x-amz-security-token'];
  const signer = new SignatureV4({
    service: auth.service,
    region: auth.region,
    credentials: {
      accessKeyId: auth.accessKeyId,
      secretAccessKey,
      ...(typeof token === 'string' ? { sessionToken: token } : {}),
    },
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const url = new URL(request.url, 'http://placeholder');
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: header('host').replace(/:\d+$/, ''),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(auth.signedHeaders.map((name) => [name, header(name)])),
      body: request.body,
    },
    { signingDate: signedAt },
  );
  return /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1] ?? '';
}

/** SHA-256 and HMAC-SHA256 in the shape the SDK's signer asks for. */
class NodeSha256 {
  readonly #secret: Buffer | undefined;
  #hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.#secret = secret === undefined ? undefined : toBuffer(secret);
    this.#hash = this.#fresh();
  }

  update(data: SourceData): void {
    this.#hash.update(toBuffer(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }

  reset(): void {
    this.#hash = this.#fresh();
  }

  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret);
  }
}

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
