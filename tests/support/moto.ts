/**
 * A real moto server per test file, on 127.0.0.1 and a free port.
 *
 * The Python child blocks reading its stdin and stops moto at EOF, so it also dies when
 * the test process dies for any reason (the pipe closes) and nothing is left behind.
 * MOTO_ACCOUNT_ID is removed from its environment: it would override the account that
 * moto derives from each access key and break multi-account tests.
 */
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { pythonCommand } from './tools';

export interface MotoServer {
  /** e.g. http://127.0.0.1:PORT */
  readonly endpoint: string;
  readonly port: number;
  /** The Python process id (to prove it is gone after stop()). */
  readonly pid: number;
  /** Ends moto; SIGKILLs it if it has not exited within a few seconds. Idempotent. */
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /** Give up (and kill the child) if moto has not reported its port by then. Default 20 s. */
  timeoutMs?: number;
}

const MOTO_SCRIPT = `
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address='127.0.0.1', port=0, verbose=False)
server.start()
print('MOTO_PORT=%d' % server.get_host_and_port()[1], flush=True)
sys.stdin.read()
server.stop()
`;

const STOP_GRACE_MS = 5_000;
const STDERR_TAIL_CHARS = 8_000;

export function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const env = { ...process.env };
  delete env.MOTO_ACCOUNT_ID;
  const child = spawn(pythonCommand(), ['-c', MOTO_SCRIPT], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });

  let stdout = '';
  let stderr = '';
  // Keep draining both pipes for the server's whole life (werkzeug logs every request to
  // stderr); a full pipe would block moto.
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout = (stdout + chunk).slice(-STDERR_TAIL_CHARS);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
  });
  // The child may already be gone when we close its stdin.
  child.stdin.on('error', () => {});

  // 'exit' never fires when the spawn itself failed (ENOENT), hence 'error' too.
  let gone = false;
  const exited = new Promise<void>((resolve) => {
    const done = () => {
      gone = true;
      resolve();
    };
    child.once('exit', done);
    child.on('error', done);
  });

  const stop = async (): Promise<void> => {
    if (gone) return;
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  return new Promise<MotoServer>((resolve, reject) => {
    const describe = () =>
      `${pythonCommand()} moto server` +
      (stderr.trim() ? `\n--- stderr ---\n${stderr.trim()}` : '') +
      (stdout.trim() ? `\n--- stdout ---\n${stdout.trim()}` : '');

    const finish = (err?: Error, port?: number) => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      if (err) {
        void stop().then(() => reject(err));
        return;
      }
      resolve({ endpoint: `http://127.0.0.1:${port}`, port: port!, pid: child.pid!, stop });
    };
    const onData = () => {
      const m = /MOTO_PORT=(\d+)/.exec(stdout);
      if (m) finish(undefined, Number(m[1]));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(
        new Error(
          `${describe()}\nexited before reporting its port (code ${code}, signal ${signal})`,
        ),
      );
    const onError = (err: Error) =>
      finish(new Error(`${describe()}\ncould not start: ${err.message}`));
    const timer = setTimeout(
      () => finish(new Error(`${describe()}\ndid not report its port within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.stdout.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

export interface MotoQueryOptions {
  /** Routes the request to this moto account (header x-moto-account-id). */
  accountId?: string;
  region?: string;
  /** Signing key; moto does not verify signatures, but maps the key id to an account. */
  accessKeyId?: string;
  secretAccessKey?: string;
  timeoutMs?: number;
}

/**
 * A SigV4-signed AWS Query call (IAM, STS, …) to moto; returns the XML body. Throws with
 * the status and body on an error response. moto picks the service from the signature's
 * credential scope, which is why the request is signed at all.
 */
export async function motoQuery(
  endpoint: string,
  service: string,
  params: Record<string, string>,
  options: MotoQueryOptions = {},
): Promise<string> {
  const region = options.region ?? 'us-east-1';
  const accessKeyId = options.accessKeyId ?? 'AKIAIOSFODNN7EXAMPLE';
  const secret = options.secretAccessKey ?? 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const url = new URL(endpoint);
  const body = new URLSearchParams(params).toString();
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${region}/${service}/aws4_request`;
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    host: url.host,
    'x-amz-date': amzDate,
    ...(options.accountId && { 'x-moto-account-id': options.accountId }),
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    'POST',
    url.pathname || '/',
    '',
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    sha256(body),
  ].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let key: Buffer = hmac(`AWS4${secret}`, day);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  // fetch sets Host itself (from the URL, as signed) and refuses to be given one.
  const sent = Object.fromEntries(Object.entries(headers).filter(([n]) => n !== 'host'));
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      ...sent,
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    },
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`moto ${service} ${params.Action} → ${res.status}: ${text}`);
  return text;
}

function sha256(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function xmlField(xml: string, name: string): string {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (!m) throw new Error(`no <${name}> in moto response: ${xml.slice(0, 500)}`);
  return m[1]!;
}

export interface MotoIamUser {
  userName: string;
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Create an IAM user with an access key in moto. The key belongs to that account, so
 * moto's STS treats calls signed with it as coming from this user.
 */
export async function createMotoIamUser(
  endpoint: string,
  userName: string,
  options: Pick<MotoQueryOptions, 'accountId' | 'timeoutMs'> = {},
): Promise<MotoIamUser> {
  const call = (params: Record<string, string>) =>
    motoQuery(endpoint, 'iam', { ...params, Version: '2010-05-08' }, options);
  const created = await call({ Action: 'CreateUser', UserName: userName });
  const key = await call({ Action: 'CreateAccessKey', UserName: userName });
  return {
    userName,
    arn: xmlField(created, 'Arn'),
    accessKeyId: xmlField(key, 'AccessKeyId'),
    secretAccessKey: xmlField(key, 'SecretAccessKey'),
  };
}
