import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  SubscriptionFetchError,
  tooLarge,
  type FetchLimits,
  type FetchResult,
} from './fetch-types';

export interface HttpsFetchOptions {
  readonly url: string;
  readonly etag?: string;
  readonly limits: FetchLimits;
  /** Extra CA certificates (AWS_CA_BUNDLE's), added to Node's own. */
  readonly ca?: string | Buffer;
}

/** The URL as it may be shown: no query string (it can hold a token). */
export function shownUrl(url: URL): string {
  return `${url.origin}${url.pathname}${url.search === '' ? '' : '?…'}`;
}

/**
 * GETs a subscribed file with node:http(s): If-None-Match with the last ETag
 * (a 304 is "unchanged"), no redirects followed (a redirect could leave https
 * or the loopback), the size limit enforced while the body streams (the
 * request is destroyed the moment it is passed, so memory stays bounded
 * whatever the server sends), a connect timeout and an overall deadline.
 */
export function fetchHttps(options: HttpsFetchOptions): Promise<FetchResult> {
  const url = new URL(options.url);
  const { limits } = options;
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<FetchResult>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, result?: FetchResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(overall);
      clearTimeout(connect);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(result!);
    };
    const fail = (message: string): void =>
      finish(new SubscriptionFetchError(`${shownUrl(url)}: ${message}`));
    const headers: Record<string, string> = {
      accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
      'user-agent': 'switchyard-catalog-subscription',
    };
    if (options.etag !== undefined) headers['if-none-match'] = options.etag;
    const req = request(url, {
      method: 'GET',
      headers,
      // A connection of its own: a pooled keep-alive socket would outlive the
      // fetch (and keep a CLI run from exiting) for a request made once an hour.
      agent: false,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
    });
    const overall = setTimeout(
      () => fail(`no complete answer within ${limits.totalTimeoutMs / 1000} s`),
      limits.totalTimeoutMs,
    );
    const connect = setTimeout(
      () => fail(`could not connect within ${limits.connectTimeoutMs / 1000} s`),
      limits.connectTimeoutMs,
    );
    req.on('socket', (socket) => {
      const connected = (): void => clearTimeout(connect);
      if (!socket.connecting) connected();
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
    });
    req.on('error', (error) => fail(error.message.split('\n')[0] ?? 'request failed'));
    req.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      if (status === 304) {
        response.resume();
        finish(undefined, { kind: 'unchanged' });
        return;
      }
      if (status !== 200) {
        response.resume();
        const where = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
        fail(`the server answered HTTP ${status}${where}`);
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        finish(new SubscriptionFetchError(`${shownUrl(url)}: ${tooLarge(limits).message}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) {
          finish(new SubscriptionFetchError(`${shownUrl(url)}: ${tooLarge(limits).message}`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) => fail(error.message));
      response.on('aborted', () => fail('the server closed the connection mid-answer'));
      response.on('end', () => {
        const etag = response.headers.etag;
        finish(undefined, {
          kind: 'fetched',
          bytes: Buffer.concat(chunks),
          ...(typeof etag === 'string' && etag !== '' ? { etag } : {}),
        });
      });
    });
    req.end();
  });
}
