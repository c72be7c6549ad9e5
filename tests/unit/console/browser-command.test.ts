import { EventEmitter } from 'node:events';
import type { SpawnOptions } from 'node:child_process';
import { describe, expect, it } from 'vitest';

import {
  browserCommand,
  firefoxContainerColor,
  firefoxContainerUrl,
  printableCommand,
} from '../../../electron/core/console/browser-command';
import { browserEnvironment, openConsoleIn } from '../../../electron/core/console/launch-browser';
import type { SpawnLike } from '../../../electron/core/console/open-url';
import { CONSOLE_COLORS } from '../../../shared/console-colors';

const PAGE = 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1';
const SIGN_IN = `https://signin.aws.amazon.com/federation?Action=login&Issuer=switchyard&Destination=${encodeURIComponent(PAGE)}&SigninToken=SECRET-TOKEN-123`;

describe('browser command lines', () => {
  it('Chromium family: its own user data dir per role (no first-run pages), or a named profile', () => {
    expect(
      browserCommand(
        { kind: 'chromium', executable: '/usr/bin/chromium', userDataDir: '/c/p/a' },
        PAGE,
      ),
    ).toEqual({
      command: '/usr/bin/chromium',
      args: ['--user-data-dir=/c/p/a', '--no-first-run', PAGE],
    });
    expect(
      browserCommand(
        { kind: 'chromium', executable: '/usr/bin/chromium', profileDirectory: 'Profile 2' },
        PAGE,
      ),
    ).toEqual({ command: '/usr/bin/chromium', args: ['--profile-directory=Profile 2', PAGE] });
  });

  it('Firefox: one ext+container: link with every part encoded', () => {
    const container = { name: 'Prod & co = 1', color: 'red', icon: 'briefcase' };
    const link = firefoxContainerUrl(container, PAGE);
    expect(link).toBe(
      `ext+container:name=Prod%20%26%20co%20%3D%201&color=red&icon=briefcase&url=${encodeURIComponent(PAGE)}`,
    );
    // What the extension reads back: the same name and URL.
    const fields = new URLSearchParams(link.slice('ext+container:'.length));
    expect(fields.get('name')).toBe('Prod & co = 1');
    expect(fields.get('url')).toBe(PAGE);
    expect(
      browserCommand(
        { kind: 'firefox-container', executable: '/usr/bin/firefox', container },
        PAGE,
      ),
    ).toEqual({ command: '/usr/bin/firefox', args: [link] });
  });

  it('maps the console palette to the container colour of the same name', () => {
    for (const [name, hex] of Object.entries(CONSOLE_COLORS)) {
      expect(firefoxContainerColor(hex)).toBe(name);
    }
    expect(firefoxContainerColor('8040c0')).toBe('purple');
    expect(firefoxContainerColor('808080')).toBe('toolbar');
    expect(firefoxContainerColor(undefined)).toBe('toolbar');
  });

  it('prints a command line a shell reads back the same', () => {
    expect(
      printableCommand({
        command: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        args: ["--profile-directory=Ana's", PAGE],
      }),
    ).toBe(
      `'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome' '--profile-directory=Ana'\\''s' '${PAGE}'`,
    );
  });
});

class FakeChild extends EventEmitter {
  unref(): void {}
}

function recordingSpawn(): {
  spawnImpl: SpawnLike;
  calls: { command: string; args: readonly string[]; options: SpawnOptions }[];
} {
  const calls: { command: string; args: readonly string[]; options: SpawnOptions }[] = [];
  const spawnImpl: SpawnLike = (command, args, options) => {
    calls.push({ command, args, options });
    const child = new FakeChild();
    queueMicrotask(() => {
      child.emit('spawn');
      // Like a browser: fetch the page it was given (the loopback redirect).
      const url = args.at(-1)!;
      const inner = url.startsWith('ext+container:')
        ? new URLSearchParams(url.slice(14)).get('url')!
        : url;
      if (inner.startsWith('http://127.0.0.1')) void fetch(inner, { redirect: 'manual' });
    });
    return child;
  };
  return { spawnImpl, calls };
}

describe('opening a sign-in link in a browser Switchyard starts', () => {
  it.each([
    ['chromium', { kind: 'chromium', executable: '/usr/bin/chromium', userDataDir: '/p/a' }],
    [
      'firefox-container',
      {
        kind: 'firefox-container',
        executable: '/usr/bin/firefox',
        container: { name: 'A', color: 'red', icon: 'briefcase' },
      },
    ],
  ] as const)('%s gets a one-time loopback redirect, never the token', async (_kind, target) => {
    const { spawnImpl, calls } = recordingSpawn();
    const outcome = await openConsoleIn(target, SIGN_IN, true, {
      spawnImpl,
      env: {
        PATH: '/usr/bin',
        AWS_SECRET_ACCESS_KEY: 'k',
        AWS_SESSION_TOKEN: 't',
        AWS_REGION: 'x',
      },
    });
    expect(outcome).toBe('served');
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(JSON.stringify(call!.args)).not.toContain('SECRET-TOKEN-123');
    expect(JSON.stringify(call!.args)).not.toContain('SigninToken');
    expect(JSON.stringify(call!.args)).toMatch(/127\.0\.0\.1(:|%3A)\d+/);
    expect(call!.options).toMatchObject({ detached: true, stdio: 'ignore' });
    expect(call!.options.shell).toBeUndefined();
    expect(call!.options.env).toEqual({ PATH: '/usr/bin', AWS_REGION: 'x' });
  });

  it('passes a switch-role page as it is', async () => {
    const { spawnImpl, calls } = recordingSpawn();
    const target = {
      kind: 'chromium',
      executable: '/usr/bin/chromium',
      userDataDir: '/p/a',
    } as const;
    expect(await openConsoleIn(target, PAGE, false, { spawnImpl })).toBe('opened');
    expect(calls[0]!.args.at(-1)).toBe(PAGE);
  });

  it('refuses anything but an AWS page, before starting a browser', async () => {
    const { spawnImpl, calls } = recordingSpawn();
    const target = {
      kind: 'chromium',
      executable: '/usr/bin/chromium',
      userDataDir: '/p/a',
    } as const;
    await expect(
      openConsoleIn(target, 'https://evil.example/', false, { spawnImpl }),
    ).rejects.toThrow(/only https AWS sign-in and console pages/);
    expect(calls).toEqual([]);
  });

  it('takes every credential variable out of the browser environment', () => {
    expect(
      browserEnvironment({
        HOME: '/h',
        AWS_ACCESS_KEY_ID: 'a',
        AWS_SECRET_ACCESS_KEY: 'b',
        AWS_SESSION_TOKEN: 'c',
        AWS_SECURITY_TOKEN: 'd',
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'e',
        AWS_PROFILE: 'dev',
      }),
    ).toEqual({ HOME: '/h', AWS_PROFILE: 'dev' });
  });
});
