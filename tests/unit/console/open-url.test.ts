import { EventEmitter } from 'node:events';
import type { SpawnOptions } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import {
  openerCommand,
  openInBrowser,
  type SpawnLike,
} from '../../../electron/core/console/open-url';

interface Call {
  command: string;
  args: readonly string[];
  options: SpawnOptions;
}

class FakeChild extends EventEmitter {
  unrefCalls = 0;
  unref(): void {
    this.unrefCalls += 1;
  }
}

/** A spawn stand-in that starts fine, or fails with `errorCode` like a missing binary. */
function fakeSpawn(errorCode?: string): {
  spawnImpl: SpawnLike;
  calls: Call[];
  children: FakeChild[];
} {
  const calls: Call[] = [];
  const children: FakeChild[] = [];
  const spawnImpl: SpawnLike = (command, args, options) => {
    calls.push({ command, args, options });
    const child = new FakeChild();
    children.push(child);
    queueMicrotask(() => {
      if (errorCode) {
        child.emit(
          'error',
          Object.assign(new Error(`spawn ${command} ${errorCode}`), { code: errorCode }),
        );
      } else {
        child.emit('spawn');
      }
    });
    return child;
  };
  return { spawnImpl, calls, children };
}

const SWITCH =
  'https://signin.aws.amazon.com/switchrole?account=123456789012&roleName=Admin&displayName=A%20b';

describe('openInBrowser', () => {
  it.each([
    ['darwin', 'open', [SWITCH]],
    ['linux', 'xdg-open', [SWITCH]],
    ['freebsd', 'xdg-open', [SWITCH]],
    ['win32', 'cmd', ['/d', '/c', 'start', '""', `"${SWITCH}"`]],
  ] as const)('on %s runs %s', async (platform, command, args) => {
    const { spawnImpl, calls, children } = fakeSpawn();
    await openInBrowser(SWITCH, { platform, spawnImpl });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.command).toBe(command);
    expect(calls[0]?.args).toEqual(args);
    expect(calls[0]?.options).toMatchObject({ detached: true, stdio: 'ignore', windowsHide: true });
    expect(calls[0]?.options.windowsVerbatimArguments).toBe(platform === 'win32');
    expect(children[0]?.unrefCalls).toBe(1);
  });

  it('passes the normalized URL, not the raw text', async () => {
    const { spawnImpl, calls } = fakeSpawn();
    await openInBrowser('https://CONSOLE.aws.amazon.com/console/home?x="y"', {
      platform: 'linux',
      spawnImpl,
    });
    expect(calls[0]?.args).toEqual(['https://console.aws.amazon.com/console/home?x=%22y%22']);
  });

  it.each([
    'https://evil.example/',
    'https://signin.aws.amazon.com.evil.example/federation?SigninToken=SECRET',
    'http://signin.aws.amazon.com/switchrole',
    'https://user@console.aws.amazon.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'http://127.0.0.1:8080/',
  ])('refuses %s and spawns nothing', async (url) => {
    const { spawnImpl, calls } = fakeSpawn();
    await expect(openInBrowser(url, { platform: 'linux', spawnImpl })).rejects.toThrow(
      /^Refusing to open/,
    );
    expect(calls).toHaveLength(0);
  });

  it('never repeats the path or query of a refused URL (it may hold a sign-in token)', async () => {
    const { spawnImpl } = fakeSpawn();
    const error = await openInBrowser('https://evil.example/federation?SigninToken=SECRET123', {
      platform: 'linux',
      spawnImpl,
    }).then(
      () => new Error('resolved'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toContain('"https://evil.example"');
    expect(error.message).not.toContain('SECRET123');
  });

  it('refuses text that is not a URL', async () => {
    const { spawnImpl } = fakeSpawn();
    await expect(openInBrowser('not a url', { platform: 'linux', spawnImpl })).rejects.toThrow(
      'Refusing to open a link that is not a URL',
    );
  });

  it.each(['http://127.0.0.1:8080/federation', 'http://localhost:1/x', 'https://[::1]:9/'])(
    'opens loopback %s only with allowLoopback',
    async (url) => {
      const { spawnImpl, calls } = fakeSpawn();
      await openInBrowser(url, { platform: 'linux', spawnImpl, allowLoopback: true });
      expect(calls).toHaveLength(1);
    },
  );

  it('does not let allowLoopback open other hosts or schemes', async () => {
    const { spawnImpl, calls } = fakeSpawn();
    for (const url of ['https://evil.example/', 'file:///tmp/x', 'ftp://127.0.0.1/']) {
      await expect(
        openInBrowser(url, { platform: 'linux', spawnImpl, allowLoopback: true }),
      ).rejects.toThrow(/^Refusing to open/);
    }
    expect(calls).toHaveLength(0);
  });

  it.each([
    [
      'linux',
      'Could not open the browser: "xdg-open" was not found; install it (package xdg-utils) or open the AWS console yourself',
    ],
    [
      'darwin',
      'Could not open the browser: "open" was not found; install it or open the AWS console yourself',
    ],
  ] as const)('says in one line when the opener is missing on %s', async (platform, message) => {
    const { spawnImpl } = fakeSpawn('ENOENT');
    await expect(openInBrowser(SWITCH, { platform, spawnImpl })).rejects.toThrow(message);
  });

  it('reports other spawn failures by code', async () => {
    const { spawnImpl } = fakeSpawn('EACCES');
    await expect(openInBrowser(SWITCH, { platform: 'linux', spawnImpl })).rejects.toThrow(
      'Could not open the browser with "xdg-open" (EACCES); open the AWS console yourself',
    );
  });

  it('reports a really missing opener through the real spawn', async () => {
    // PATH without any opener: the real child_process reports ENOENT.
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent-switchyard-test';
    try {
      await expect(openInBrowser(SWITCH, { platform: 'linux' })).rejects.toThrow(
        '"xdg-open" was not found',
      );
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe('openerCommand', () => {
  it('quotes the URL for cmd so "&" stays in the URL', () => {
    const { args } = openerCommand('win32', 'https://console.aws.amazon.com/?a=1&b=2');
    expect(args.at(-1)).toBe('"https://console.aws.amazon.com/?a=1&b=2"');
    expect(args.at(-2)).toBe('""');
  });
});
