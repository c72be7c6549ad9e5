import type { IncomingMessage } from 'node:http';
import type { Partition } from '../../../shared/partitions';
import type { SessionCredentials } from '../secret';
import { formBody, signRequest } from '../sts/sigv4';
import { xmlInner, xmlText } from '../sts/xml-text';

/**
 * IAM's ListAccountAliases, spoken directly over the Query API with the
 * repository's own SigV4 signer (no SDK client to load for one call). IAM is a
 * global service: one endpoint per partition, signed for that partition's
 * home region. AWS_ENDPOINT_URL_IAM, else AWS_ENDPOINT_URL, replaces it, as
 * in the AWS SDKs.
 */

const GLOBAL_ENDPOINTS: Readonly<Record<Partition, { url: string; region: string }>> = {
  aws: { url: 'https://iam.amazonaws.com', region: 'us-east-1' },
  'aws-cn': { url: 'https://iam.cn-north-1.amazonaws.com.cn', region: 'cn-north-1' },
  'aws-us-gov': { url: 'https://iam.us-gov.amazonaws.com', region: 'us-gov-west-1' },
};

const MAX_BODY_BYTES = 64 * 1024;

export interface IamEndpoint {
  readonly url: string;
  /** The region the request is signed for. */
  readonly region: string;
}

/** Where IAM is for this partition under `env`. */
export function iamEndpoint(partition: Partition, env: NodeJS.ProcessEnv): IamEndpoint {
  const global = GLOBAL_ENDPOINTS[partition];
  const configured = env.AWS_ENDPOINT_URL_IAM || env.AWS_ENDPOINT_URL;
  return { url: configured || global.url, region: global.region };
}

export interface ListAliasesOptions {
  readonly endpoint: IamEndpoint;
  readonly credentials: SessionCredentials;
  /** PEM authorities that replace Node's list (AWS_CA_BUNDLE). */
  readonly ca?: string;
  /** The whole exchange; default 5 s. */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/**
 * The account's alias (an account has at most one), or undefined when it has
 * none. Any AWS error (AccessDenied, most often) or network fault rejects with
 * an Error whose message names the code; no retries: this is best effort.
 */
export async function listAccountAliases(options: ListAliasesOptions): Promise<string | undefined> {
  const url = new URL(options.endpoint.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`IAM endpoint ${url.origin} is not http(s)`);
  }
  const body = formBody([
    ['Action', 'ListAccountAliases'],
    ['Version', '2010-05-08'],
  ]);
  const { credentials } = options;
  const headers = signRequest(
    {
      method: 'POST',
      host: url.host,
      path: url.pathname || '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
      region: options.endpoint.region,
      service: 'iam',
      at: (options.now ?? Date.now)(),
    },
    {
      accessKeyId: credentials.accessKeyId.reveal(),
      secretAccessKey: credentials.secretAccessKey.reveal(),
      sessionToken: credentials.sessionToken.reveal(),
    },
  );
  const http = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const timeoutMs = options.timeoutMs ?? 5000;
  const { status, text } = await new Promise<{ status: number; text: string }>(
    (resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          headers: {
            ...headers,
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': 'switchyard',
          },
          ...(options.ca === undefined ? {} : { ca: options.ca }),
        },
        (res) => readBody(res).then(resolve, reject),
      );
      const timer = setTimeout(
        () => req.destroy(new Error(`no answer from IAM within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      req.once('close', () => clearTimeout(timer));
      req.once('error', reject);
      req.end(body);
    },
  );
  if (status < 200 || status >= 300) {
    const code = xmlText(text, ['Error', 'Code']) ?? `HTTP ${status}`;
    throw new Error(`IAM ListAccountAliases: ${code}`);
  }
  const aliases = xmlInner(text, ['ListAccountAliasesResult', 'AccountAliases']);
  if (aliases === undefined) throw new Error('IAM ListAccountAliases: unreadable response');
  return xmlText(aliases, ['member']) || undefined;
}

function readBody(res: IncomingMessage): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) res.destroy(new Error('IAM response too large'));
      else chunks.push(chunk);
    });
    res.once('error', reject);
    res.once('end', () =>
      resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
    );
  });
}
