/**
 * A team catalog published over plain http on 127.0.0.1: the body and its
 * ETag can be changed between syncs, and the server can be made slow (never
 * answers) or huge (streams a body far past the 1 MiB limit, counting what it
 * managed to send). Requests are recorded with their If-None-Match.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RoleEntry } from '../../shared/model';

export type CatalogServerMode = 'normal' | 'slow' | 'huge';

export interface CatalogServer {
  readonly url: string;
  /** Publishes a new body under a new ETag. */
  publish(body: string): void;
  mode: CatalogServerMode;
  /** Each request's If-None-Match (undefined when absent) and the status answered. */
  readonly requests: { ifNoneMatch: string | undefined; status: number }[];
  /** Bytes of the huge body written before the client went away. */
  readonly hugeBytesSent: number;
  close(): Promise<void>;
}

export const HUGE_BYTES = 50 * 1024 * 1024;

export async function startCatalogServer(): Promise<CatalogServer> {
  let body = '';
  let etag = '"0"';
  let version = 0;
  let hugeBytesSent = 0;
  const requests: { ifNoneMatch: string | undefined; status: number }[] = [];
  const open = new Set<ServerResponse>();
  const streamHuge = (res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = (): void => {
      while (hugeBytesSent < HUGE_BYTES) {
        hugeBytesSent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  };
  const server: Server = createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const ifNoneMatch = req.headers['if-none-match'];
    if (state.mode === 'slow') {
      requests.push({ ifNoneMatch, status: 0 });
      return; // never answers
    }
    if (state.mode === 'huge') {
      requests.push({ ifNoneMatch, status: 200 });
      streamHuge(res);
      return;
    }
    const status = ifNoneMatch === etag ? 304 : 200;
    requests.push({ ifNoneMatch, status });
    if (status === 304) res.writeHead(304, { etag }).end();
    else res.writeHead(200, { etag, 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: CatalogServer = {
    url: `http://127.0.0.1:${port}/team/catalog.json`,
    publish(next) {
      body = next;
      version++;
      etag = `"v${version}"`;
    },
    mode: 'normal',
    requests,
    get hugeBytesSent() {
      return hugeBytesSent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
      }),
  };
  return state;
}

/** A `switchyard-catalog` export of these roles (version 4 with account names). */
export function catalogExport(roles: readonly object[], accounts?: object): string {
  const file = accounts
    ? { format: 'switchyard-catalog', version: 4, roles, accounts }
    : { format: 'switchyard-catalog', version: 1, roles };
  return `${JSON.stringify(file, undefined, 2)}\n`;
}

/** A plain role for a catalog export: assumed from the `source` profile. */
export function teamRole(id: string, overrides: Partial<RoleEntry> = {}): RoleEntry {
  return {
    id,
    label: id.replace(/-/g, ' '),
    roleArn: `arn:aws:iam::210987654321:role/${id}`,
    profile: id,
    source: { kind: 'profile', profile: 'source' },
    tags: [],
    ...overrides,
  };
}
