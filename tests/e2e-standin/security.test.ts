/**
 * Security assertions on the real wiring of the built app: the page gets no
 * Node, exactly the contract's verbs, main refuses messages from any other URL
 * or frame, navigation and window.open are refused by main's handlers, and
 * every permission request and check is answered no.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createSwitchyardApi } from '../../electron/preload/switchyard-api';
import { problems, startAppFixture, type AppFixture } from './harness/app-fixture';
import { inPage, kinds, popup, standinSkipReason } from './support';

const skip = standinSkipReason();
// A whole app per file and Chromium behind it: steps get more than the default 30 s on a loaded CI machine.
vi.setConfig({ testTimeout: 60_000 });
const ROLE = {
  label: 'Audit',
  roleArn: 'arn:aws:iam::210987654321:role/Audit',
  profile: 'audit',
};

/** The contract's verbs, from the same API builder the preload uses. */
const CONTRACT_VERBS = Object.keys(
  createSwitchyardApi({
    invoke: () => Promise.reject(new Error('unused')),
    subscribe: () => () => undefined,
  }),
).sort();

const SETTLE = `.then(() => 'accepted', (error) => String(error))`;

describe.skipIf(skip !== '')(`security of the built app ${skip}`, () => {
  let fx: AppFixture;

  beforeAll(async () => {
    fx = await startAppFixture([ROLE]);
  }, 90_000);

  afterAll(async () => {
    await fx?.close();
  });

  it('the page has no Node and exactly the contract verbs on window.switchyard, frozen', async () => {
    const seen = await inPage<Record<string, unknown>>(
      fx.app,
      `({
        require: typeof require,
        process: typeof process,
        module: typeof module,
        buffer: typeof Buffer,
        verbs: Object.keys(window.switchyard).sort(),
        allFunctions: Object.values(window.switchyard).every((v) => typeof v === 'function'),
        frozen: Object.isFrozen(window.switchyard),
        replaced: (() => { try { window.switchyard = {}; } catch {} return Object.keys(window.switchyard).length; })(),
      })`,
    );
    expect(seen).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      buffer: 'undefined',
      verbs: CONTRACT_VERBS,
      allFunctions: true,
      frozen: true,
      replaced: CONTRACT_VERBS.length,
    });
  });

  it('main answers the page at its own URL and refuses the same preload at any other', async () => {
    expect(await inPage(fx.app, `window.switchyard.getSnapshot()${SETTLE}`)).toBe('accepted');
    const rendererUrl = (await popup(fx.app)).url;
    // A page that got past the navigation hooks gets the preload too: only the URL check is left.
    const other = join(fx.home.home, 'other.html');
    writeFileSync(other, '<!doctype html><title>other</title><p>other</p>');
    await fx.app.command('page-goto-unguarded', { url: pathToFileURL(other).href });
    const refused = await inPage<string>(fx.app, `window.switchyard.getSnapshot()${SETTLE}`);
    expect(refused).toMatch(/untrusted sender/);
    await fx.app.command('page-goto-unguarded', { url: rendererUrl });
    expect(await inPage(fx.app, `window.switchyard.getSnapshot()${SETTLE}`)).toBe('accepted');
  });

  it('main refuses a message from a child frame of its own page', async () => {
    const outcome = await fx.app
      .command('invoke-from-subframe', { channel: 'snapshot:get', args: [] })
      .then(
        () => 'accepted',
        (error: unknown) => String(error),
      );
    expect(outcome).toMatch(/untrusted sender/);
  });

  it('navigation away is refused by main, the page stays', async () => {
    await inPage(fx.app, `(location.href = 'https://example.com/phish', true)`);
    const event = await fx.app.waitForEvent(
      (e) => e.kind === 'will-navigate' && e.url === 'https://example.com/phish',
      'the will-navigate hook',
    );
    expect(event.prevented).toBe(true);
    expect((await popup(fx.app)).url).toMatch(/\/out\/renderer\/index\.html$/);
    expect(await inPage(fx.app, `window.switchyard.getSnapshot()${SETTLE}`)).toBe('accepted');
  });

  it('window.open is denied by main', async () => {
    await inPage(fx.app, `(window.open('https://example.com/popup'), true)`);
    const event = await fx.app.waitForEvent(
      (e) => e.kind === 'window-open',
      'the window open handler',
    );
    expect(event.action).toBe('deny');
    expect(kinds(fx.app.events, 'window-created')).toHaveLength(1);
  });

  it('every permission request and check is denied', async () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'midi',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'idle-detection',
    ]) {
      expect(await fx.app.command('permission-request', { permission }), permission).toBe(false);
      expect(await fx.app.command('permission-check', { permission }), permission).toBe(false);
    }
    expect(problems(fx.app.events)).toEqual([]);
  });
});
