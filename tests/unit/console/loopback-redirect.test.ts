import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import {
  procNetAddress,
  startLoopbackRedirect,
  type LoopbackRedirect,
  type LoopbackRedirectOptions,
} from '../../../electron/core/console/loopback-redirect';

const TARGET =
  'https://signin.aws.amazon.com/federation?Action=login&Issuer=switchyard&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F&SigninToken=planted-token-1234';

const open: LoopbackRedirect[] = [];
afterEach(() => {
  for (const redirect of open.splice(0)) redirect.close();
});

async function start(options: LoopbackRedirectOptions = {}): Promise<LoopbackRedirect> {
  const redirect = await startLoopbackRedirect(TARGET, { clock: new FakeClock(), ...options });
  open.push(redirect);
  return redirect;
}

function get(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000), ...init });
}

/** A real GET from a client socket bound to `localAddress` (any 127.x reaches 127.0.0.1). */
function getFrom(url: string, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress, timeout: 5000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.end();
  });
}

const onLinux = existsSync('/proc/net/tcp') && process.getuid !== undefined;

describe('the loopback redirect', () => {
  it('answers the first GET of its path with a 303 to the target, no-store and no-referrer, then closes', async () => {
    const redirect = await start();
    expect(redirect.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{43}$/);
    expect(redirect.url).not.toContain('planted-token');

    const first = await get(redirect.url);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(TARGET);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    await expect(redirect.done).resolves.toBe('served');

    // Served once: a second request finds nothing listening.
    await expect(get(redirect.url)).rejects.toThrow();
  });

  it('answers 404 to any other path or method, and still serves its own path after', async () => {
    const redirect = await start();
    const { origin, pathname } = new URL(redirect.url);
    for (const path of [
      '/',
      '/favicon.ico',
      `${pathname}x`,
      pathname.slice(0, -1),
      `${pathname}?a=1`,
    ]) {
      const response = await get(`${origin}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const post = await get(redirect.url, { method: 'POST' });
    expect(post.status).toBe(404);
    expect((await get(redirect.url)).status).toBe(303);
  });

  it('closes unused at the deadline', async () => {
    const clock = new FakeClock();
    const redirect = await start({ clock, deadlineMs: 60_000 });
    clock.advance(59_999);
    expect((await get(`${new URL(redirect.url).origin}/`)).status).toBe(404);
    clock.advance(1);
    await expect(redirect.done).resolves.toBe('expired');
    await expect(get(redirect.url)).rejects.toThrow();
  });

  it('gives every redirect its own unguessable path', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(new URL(a!.url).pathname).not.toBe(new URL(b!.url).pathname);
  });

  it.skipIf(!existsSync('/proc/net/tcp') || process.getuid === undefined)(
    "refuses a fetch from another user's process (Linux), without using up the redirect",
    async () => {
      // This test process plays the other user: the redirect belongs to uid + 1.
      const redirect = await start({ ownerUid: process.getuid!() + 1 });
      expect((await get(redirect.url)).status).toBe(403);
      const mine = await start();
      expect((await get(mine.url)).status).toBe(303);
    },
  );

  it.skipIf(!onLinux)(
    "refuses another user's fetch from 127.0.0.2 too, without using up the redirect",
    async () => {
      const redirect = await start({ ownerUid: process.getuid!() + 1 });
      expect(await getFrom(redirect.url, '127.0.0.2')).toBe(403);
      let settled = false;
      void redirect.done.then(() => (settled = true));
      // Still listening and still refusing: the 403 did not spend it.
      expect(await getFrom(redirect.url, '127.0.0.2')).toBe(403);
      expect(settled).toBe(false);
      // The owner's fetch from 127.0.0.2 is found in the table and served.
      const mine = await start();
      expect(await getFrom(mine.url, '127.0.0.2')).toBe(303);
    },
  );

  it('on Linux refuses a peer the kernel table does not name (fail closed)', async () => {
    for (const readTcpTable of [
      () => '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid\n',
      () => {
        throw new Error('no /proc');
      },
    ]) {
      const redirect = await start({ platform: 'linux', ownerUid: 1000, readTcpTable });
      expect((await get(redirect.url)).status).toBe(403);
    }
    const elsewhere = await start({ platform: 'darwin', ownerUid: 1000, readTcpTable: () => '' });
    expect((await get(elsewhere.url)).status).toBe(303);
  });

  it('writes addresses the way /proc/net/tcp and tcp6 do', () => {
    expect(procNetAddress('127.0.0.1', 0x1f90)).toBe('0100007F:1F90');
    expect(procNetAddress('127.0.0.2', 80)).toBe('0200007F:0050');
    expect(procNetAddress('::ffff:127.0.0.2', 80)).toBe('0000000000000000FFFF00000200007F:0050');
    expect(procNetAddress('::1', 1)).toBe('00000000000000000000000001000000:0001');
    expect(procNetAddress('not-an-ip', 1)).toBeUndefined();
  });
});
