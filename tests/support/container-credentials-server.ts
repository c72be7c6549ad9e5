/**
 * A local stand-in for the container credentials endpoint (ECS task role,
 * CodeBuild, EKS Pod Identity), for tests of Switchyard's client, the AWS CLI
 * and botocore alike.
 *
 * It speaks the real wire format: a GET on the task's path, an Authorization
 * header checked when the server has a token (401 with a JSON Code/Message body
 * otherwise, as the EKS agent answers), and a 200 JSON body with RoleArn,
 * AccessKeyId, SecretAccessKey, Token and Expiration (RFC 3339, seconds). Faults
 * can be queued for the next requests: an HTTP status, a body that is not JSON,
 * or no answer at all. Records hold no secret: whether a token was sent and
 * whether it matched, never its value.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type ContainerFault =
  | { kind: 'status'; status: number }
  /** 200 with a truncated JSON body. */
  | { kind: 'malformed' }
  /** Never answer; the socket stays open until the client gives up. */
  | { kind: 'hang' };

export interface ContainerCredentialsAnswer {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface ContainerRequestRecord {
  readonly path: string;
  readonly tokenSent: boolean;
  readonly tokenMatched: boolean;
  readonly status?: number;
  readonly fault?: ContainerFault['kind'];
}

export interface ContainerServerOptions {
  /** When set, requests must send exactly this Authorization header. */
  token?: string;
  /** What the endpoint hands out; default: fresh random keys valid for 6 hours. */
  credentials?: ContainerCredentialsAnswer;
}

export interface ContainerCredentialsServer {
  /** The full URI (AWS_CONTAINER_CREDENTIALS_FULL_URI), on 127.0.0.1. */
  readonly url: string;
  /** The path alone (what AWS_CONTAINER_CREDENTIALS_RELATIVE_URI would hold). */
  readonly path: string;
  readonly credentials: ContainerCredentialsAnswer;
  readonly requests: ContainerRequestRecord[];
  inject(...faults: ContainerFault[]): void;
  setToken(token: string | undefined): void;
  close(): Promise<void>;
}

export function randomContainerCredentials(hours = 6): ContainerCredentialsAnswer {
  return {
    accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(120).toString('base64')}`,
    expiration: new Date(Math.floor(Date.now() / 1000) * 1000 + hours * 3_600_000),
  };
}

export async function startContainerCredentialsServer(
  options: ContainerServerOptions = {},
): Promise<ContainerCredentialsServer> {
  const credentials = options.credentials ?? randomContainerCredentials();
  const path = `/v2/credentials/${randomUUID()}`;
  const faults: ContainerFault[] = [];
  const requests: ContainerRequestRecord[] = [];
  const sockets = new Set<Socket>();
  let token = options.token;

  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };

  const server: Server = createServer((req, res) => {
    const sent = req.headers.authorization;
    const base = {
      path: req.url ?? '',
      tokenSent: sent !== undefined,
      tokenMatched: token !== undefined && sent === token,
    };
    const fault = faults.shift();
    if (fault?.kind === 'hang') {
      requests.push({ ...base, fault: fault.kind });
      return;
    }
    const answer = (status: number, body: string, kind?: ContainerFault['kind']) => {
      requests.push({ ...base, status, ...(kind ? { fault: kind } : {}) });
      send(res, status, body);
    };
    if (fault?.kind === 'status') {
      answer(fault.status, JSON.stringify({ Code: 'Fault', Message: 'injected' }), fault.kind);
    } else if (req.method !== 'GET' || req.url !== path) {
      answer(404, JSON.stringify({ Code: 'NotFound', Message: 'no such task' }));
    } else if (token !== undefined && sent !== token) {
      answer(401, JSON.stringify({ Code: 'AccessDenied', Message: 'invalid authorization token' }));
    } else {
      const body = JSON.stringify({
        RoleArn: 'arn:aws:iam::123456789012:role/codebuild-service-role',
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        Token: credentials.sessionToken,
        Expiration: credentials.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
      if (fault?.kind === 'malformed') answer(200, body.slice(0, 40), fault.kind);
      else answer(200, body);
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}${path}`,
    path,
    credentials,
    requests,
    inject: (...more) => faults.push(...more),
    setToken: (value) => {
      token = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
