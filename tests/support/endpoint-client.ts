/**
 * A plain HTTP client for the local credential endpoint in tests: every header
 * is sent as given (a test sets a bad Host on purpose), nothing is retried, and
 * the body is returned parsed, never printed.
 */
import { Agent, request } from 'node:http';

export interface EndpointAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface EndpointRequest {
  readonly port: number;
  readonly path: string;
  readonly token?: string;
  readonly host?: string;
  readonly method?: string;
  readonly agent?: Agent;
  /** Connect to this address instead of 127.0.0.1. */
  readonly address?: string;
}

export function askEndpoint(options: EndpointRequest): Promise<EndpointAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      host: options.host ?? `127.0.0.1:${options.port}`,
    };
    if (options.token !== undefined) headers.authorization = options.token;
    const req = request(
      {
        host: options.address ?? '127.0.0.1',
        port: options.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers,
        agent: options.agent ?? false,
        timeout: 10_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(text) as Record<string, unknown>,
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('the endpoint did not answer in 10 s')));
    req.on('error', reject);
    req.end(options.method === 'POST' ? '{"x":1}' : undefined);
  });
}

/** The port and path of a grant's URI. */
export function splitUri(uri: string): { port: number; path: string } {
  const url = new URL(uri);
  return { port: Number(url.port), path: url.pathname };
}
