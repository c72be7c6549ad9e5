import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { getSigninToken, SigninTokenError } from '../../../electron/core/console/signin-token';
import { Secret } from '../../../electron/core/secret';
import { InputError } from '../../../shared/input-error';

// Planted values: none of them may ever show up in an error message.
const AKID = 'ASIAPLANTEDKEYID00001';
const SECRET_KEY = 'planted/Secret+Key=with/slashes+and+plus0000';
const SESSION_TOKEN = `IQoJb3JpZ2luX2VjEPLANTED${'Z'.repeat(80)}/+=token`;

const credentials = {
  accessKeyId: new Secret(AKID),
  secretAccessKey: new Secret(SECRET_KEY),
  sessionToken: new Secret(SESSION_TOKEN),
};

interface Seen {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let endpoint: string;
let seen: Seen[] = [];
let handler: Handler;

const json =
  (status: number, value: unknown): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: req.headers['content-type'],
        body,
      });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/federation`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  handler = json(200, { SigninToken: 'the-signin-token' });
});

/** Runs getSigninToken expecting a failure; checks no planted secret leaks into it. */
async function failure(
  options: Partial<Parameters<typeof getSigninToken>[0]> = {},
): Promise<Error> {
  let caught: unknown;
  try {
    await getSigninToken({ endpoint, credentials, ...options });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(Error);
  const error = caught as Error;
  const visible = `${error.message}\n${String(error)}\n${JSON.stringify(error)}\n${error.stack ?? ''}`;
  for (const secret of [
    AKID,
    SECRET_KEY,
    SESSION_TOKEN,
    encodeURIComponent(SECRET_KEY),
    'PLANTED',
  ]) {
    expect(visible).not.toContain(secret);
  }
  expect(error.message).not.toContain('\n');
  return error;
}

describe('getSigninToken: request', () => {
  it('POSTs a form body with the session JSON and returns the token as a Secret', async () => {
    const token = await getSigninToken({ endpoint, credentials });
    expect(token).toBeInstanceOf(Secret);
    expect(token.reveal()).toBe('the-signin-token');
    expect(String(token)).toBe('[redacted]');

    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/federation'); // nothing secret in the URL
    expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(request?.body);
    expect(form.get('Action')).toBe('getSigninToken');
    expect(JSON.parse(form.get('Session') ?? '')).toEqual({
      sessionId: AKID,
      sessionKey: SECRET_KEY,
      sessionToken: SESSION_TOKEN,
    });
    expect(form.has('SessionDuration')).toBe(false);
  });

  it.each([900, 3600, 43200])('sends SessionDuration=%d when asked', async (seconds) => {
    await getSigninToken({ endpoint, credentials, sessionDurationSeconds: seconds });
    expect(new URLSearchParams(seen[0]?.body).get('SessionDuration')).toBe(String(seconds));
  });

  it.each([60, 43201, 1.5])(
    'refuses SessionDuration=%s before sending anything',
    async (seconds) => {
      await expect(
        getSigninToken({ endpoint, credentials, sessionDurationSeconds: seconds }),
      ).rejects.toBeInstanceOf(InputError);
      expect(seen).toHaveLength(0);
    },
  );

  it.each([
    'https://evil.example/federation',
    'http://signin.aws.amazon.com/federation',
    'http://10.0.0.1/federation',
  ])('refuses to send credentials to %s', async (bad) => {
    const error = await failure({ endpoint: bad });
    expect(error).toBeInstanceOf(InputError);
    expect(seen).toHaveLength(0);
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ SigninToken: 'fake' }), { status: 200 });
    };
    const token = await getSigninToken({
      endpoint: 'https://signin.aws.amazon.com/federation',
      credentials,
      fetchImpl,
    });
    expect(token.reveal()).toBe('fake');
    expect(calls).toEqual(['https://signin.aws.amazon.com/federation']);
  });
});

describe('getSigninToken: failures', () => {
  it('explains a 400 after SessionDuration (role chaining)', async () => {
    handler = (_req, res) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('Bad Request');
    };
    const error = await failure({ sessionDurationSeconds: 3600 });
    expect(error).toBeInstanceOf(SigninTokenError);
    expect((error as SigninTokenError).status).toBe(400);
    expect(error.message).toBe(
      'AWS sign-in refused the session (HTTP 400): Bad Request; role-chained and GetFederationToken sessions cannot set SessionDuration; try again without a console session duration',
    );
  });

  it('explains a 400 without SessionDuration (expired session)', async () => {
    handler = (_req, res) => {
      res.writeHead(400);
      res.end();
    };
    const error = await failure();
    expect(error.message).toBe(
      'AWS sign-in refused the session (HTTP 400); the session may have expired or been revoked; refresh it and try again',
    );
  });

  it.each([
    [403, 'refresh it'],
    [429, 'try again in a minute'],
    [500, 'try again in a minute'],
    [503, 'try again in a minute'],
    [404, 'check the federation endpoint'],
  ])('explains HTTP %d', async (status, hint) => {
    handler = (_req, res) => {
      res.writeHead(status);
      res.end('nope');
    };
    const error = await failure();
    expect(error.message).toContain(`(HTTP ${status}): nope;`);
    expect(error.message).toContain(hint);
  });

  it('does not follow redirects (they could re-send the credentials)', async () => {
    let redirected = 0;
    handler = (req, res) => {
      if (req.url === '/elsewhere') {
        redirected += 1;
        res.writeHead(200);
        res.end(JSON.stringify({ SigninToken: 'x' }));
        return;
      }
      res.writeHead(307, { location: '/elsewhere' });
      res.end();
    };
    const error = await failure();
    expect(error.message).toContain('HTTP 307');
    expect(error.message).toContain('redirected');
    expect(redirected).toBe(0);
  });

  it('redacts the secrets when the server echoes the request back', async () => {
    handler = (_req, res, body) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`Invalid request: ${body} / ${decodeURIComponent(body)} / ${SECRET_KEY}`);
    };
    const error = await failure({ sessionDurationSeconds: 3600 });
    expect(error.message).toContain('[redacted]');
  });

  it('shows the title of an HTML error page, not the markup', async () => {
    handler = (_req, res) => {
      res.writeHead(400, { 'content-type': 'text/html' });
      res.end(
        '<html><head><title>Amazon Web Services Sign-In</title></head><body><p>x</p></body></html>',
      );
    };
    const error = await failure();
    expect(error.message).toContain(': Amazon Web Services Sign-In;');
    expect(error.message).not.toContain('<');
  });

  it('keeps long error bodies short and on one line', async () => {
    handler = (_req, res) => {
      res.writeHead(400);
      res.end(`line one\nline two\r\n${'word '.repeat(200)}`);
    };
    const error = await failure();
    expect(error.message).toContain('line one line two');
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain('…');
  });

  it('reports a 200 that is not JSON', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html>${SESSION_TOKEN}</html>`);
    };
    const error = await failure();
    expect(error.message).toMatch(/answered HTTP 200 with something other than JSON/);
  });

  it.each([
    ['no SigninToken', {}],
    ['null SigninToken', { SigninToken: null }],
    ['empty SigninToken', { SigninToken: '' }],
    ['numeric SigninToken', { SigninToken: 42 }],
    ['JSON null', null],
    ['JSON array', []],
  ])('reports a response with %s', async (_name, body) => {
    handler = json(200, body);
    const error = await failure();
    expect(error.message).toContain('answered without a SigninToken');
  });

  it('times out against a server that never answers', async () => {
    handler = () => {
      // Never respond; the socket stays open until the client gives up.
    };
    const started = Date.now();
    const error = await failure({ timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.message).toBe(
      `AWS sign-in (${new URL(endpoint).host}) did not answer within 0.3 s; check your network or proxy and try again`,
    );
  });

  it('times out when the body never finishes', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"SigninToken":');
    };
    const error = await failure({ timeoutMs: 300 });
    expect(error.message).toContain('did not answer within 0.3 s');
  });

  it('reports a connection failure in one line', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure({ endpoint: `http://127.0.0.1:${port}/federation` });
    expect(error.message).toBe(
      `Could not reach AWS sign-in at 127.0.0.1:${port} (ECONNREFUSED); check your network or proxy and try again`,
    );
  });

  it('does not repeat what a failing fetch says', async () => {
    const fetchImpl: typeof fetch = async () => {
      throw new TypeError(`fetch failed: ${SECRET_KEY}`, { cause: { code: SESSION_TOKEN } });
    };
    const error = await failure({
      endpoint: 'https://signin.aws.amazon.com/federation',
      fetchImpl,
    });
    expect(error.message).toBe(
      'Could not reach AWS sign-in at signin.aws.amazon.com; check your network or proxy and try again',
    );
  });
});
