/**
 * The built app end to end through the stand-in `electron`: launch, the tray
 * click, activating a role by keyboard, offline and resume, the global
 * shortcut, and quit, against the fault STS server in a temporary HOME.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { popupPosition } from '../../electron/main/popup-position';
import { createSwitchyardApi } from '../../electron/preload/switchyard-api';
import type { TypedIpcRenderer } from '../../electron/preload/typed-ipc-renderer';
import { REFRESHER_LOCK_FILE } from '../../electron/core/refresh/refresher-lock';
import { startAppFixture, problems, type AppFixture } from './harness/app-fixture';
import { DISPLAY } from './standin/display';
import { inPage, kinds, popup, searchFocused, state, until, standinSkipReason } from './support';

const skip = standinSkipReason();
// A whole app per file and Chromium behind it: steps get more than the default 30 s on a loaded CI machine.
vi.setConfig({ testTimeout: 60_000 });
/** "9m 30s" → 570. */
function seconds(text: string): number {
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)([hms])/g)) {
    total += Number(n) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
  }
  return total;
}

const ROLE = {
  label: 'Dev admin',
  roleArn: 'arn:aws:iam::210987654321:role/Admin',
  profile: 'dev-admin',
};

describe.skipIf(skip !== '')(`the built app in the stand-in ${skip}`, () => {
  let fx: AppFixture;

  beforeAll(async () => {
    fx = await startAppFixture([ROLE], { STANDIN_PAGE_CLOCK: '1' });
  }, 90_000);

  afterAll(async () => {
    await fx?.close();
  });

  it('launches with the tray idle and the popup hidden, its page rendered from out/renderer', async () => {
    const now = await state(fx.app);
    expect(now.tray?.image).toBe('tray-idle-linux.png');
    expect(now.tray?.imageExists).toBe(true);
    expect(now.tray?.menu.map((item) => item.label)).toContain('Quit Switchyard');
    const window = now.windows[0];
    expect(window?.visible).toBe(false);
    expect(window?.url).toMatch(/\/out\/renderer\/index\.html$/);
    await fx.app.command('page-wait-text', { text: ROLE.label });
    // Lock, sandbox, ready, then the window and the tray (after the engine), in that order.
    const order = [
      'single-instance-lock',
      'enable-sandbox',
      'app-ready',
      'window-created',
      'tray-created',
    ].map((kind) => fx.app.events.findIndex((e) => e.kind === kind));
    expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]!))).toBe(true);
    // The sandbox is switched on before ready, as Electron requires.
    expect(kinds(fx.app.events, 'enable-sandbox')).toMatchObject([
      { kind: 'enable-sandbox', ready: false },
    ]);
    const created = kinds<{ options: { webPreferences: { preload: string } } }>(
      fx.app.events,
      'window-created',
    )[0]!;
    expect(existsSync(created.options.webPreferences.preload)).toBe(true);
  });

  it('main handles every channel the preload invokes, and listens on no other', async () => {
    const invoked = new Set<string>();
    const api = createSwitchyardApi({
      invoke: ((channel: string) => {
        invoked.add(channel);
        return Promise.resolve();
      }) as TypedIpcRenderer['invoke'],
      subscribe: () => () => undefined,
    });
    for (const verb of Object.values(api) as ((...args: unknown[]) => unknown)[]) verb();
    const wiring = await fx.app.command<{ handled: string[]; listened: string[] }>('ipc-main');
    expect(wiring.handled).toEqual([...invoked].sort());
    // electron-store's own channel is removed again (electron-catalog-store.ts).
    expect(wiring.listened).toEqual([]);
  });

  it('a tray click shows the popup where popupPosition puts it, and tells the page', async () => {
    await fx.app.command('tray-click');
    const window = await until(
      () => popup(fx.app),
      (w) => w.visible,
      'popup shown',
    );
    // Linux trays report no bounds: the popup goes by the cursor's display.
    const expected = popupPosition({
      trayBounds: undefined,
      displayBounds: DISPLAY.bounds,
      workArea: DISPLAY.workArea,
      windowSize: { width: 380, height: 560 },
      platform: 'linux',
    });
    expect({ x: window.bounds.x, y: window.bounds.y }).toEqual(expected);
    expect(window.focused).toBe(true);
    await fx.app.waitForEvent(
      (e) => e.kind === 'push' && e.channel === 'popup:visibility' && e.delivered === true,
      'the page told it is visible',
    );
  });

  it('activates a role by keyboard: profile written, tray fresh, countdown ticking', async () => {
    await searchFocused(fx.app);
    await fx.app.command('page-type', { text: 'dev adm' });
    await fx.app.command('page-press', { key: 'Enter' });
    const text = await until(
      () => fx.home.readCredentials(),
      (t) => t.includes(`[${ROLE.profile}]`),
      'profile written',
    );
    expect(text).toContain('aws_session_token');
    await fx.app.waitForEvent(
      (e) => e.kind === 'tray-image' && e.image === 'tray-fresh-linux.png',
      'the fresh tray icon',
    );
    const countdown = await until(
      () =>
        inPage<string | null>(
          fx.app,
          `document.querySelector('[data-testid=countdown]')?.textContent ?? null`,
        ),
      (t) => t !== null,
      'the countdown',
    );
    expect(countdown).toMatch(/^(59m|1h 00m)$/);
    // Ticking: 9.5 minutes left on the page's clock, then three seconds later.
    const read = (): Promise<string | null> =>
      inPage<string | null>(
        fx.app,
        `document.querySelector('[data-testid=countdown]')?.textContent ?? null`,
      );
    await fx.app.command('page-clock-forward', { ms: 50.5 * 60_000 });
    const first = await until(read, (t) => /^9m \d\ds$/.test(t ?? ''), 'the countdown in seconds');
    await fx.app.command('page-clock-forward', { ms: 3_000 });
    const second = await until(read, (t) => t !== first, 'the countdown ticking');
    expect(seconds(second!)).toBeLessThan(seconds(first!));
    const tray = (await state(fx.app)).tray;
    expect(tray?.tooltip).toBe('Switchyard: 1 active session');
    expect(tray?.menu.some((item) => item.label.startsWith(ROLE.label))).toBe(true);
  });

  it('offline is noticed after a resume, and online again', async () => {
    await fx.app.command('set-online', { online: false });
    await fx.app.command('power', { event: 'resume' });
    await until(
      () => fx.app.output(),
      (o) => o.includes('offline: refreshing paused'),
      'offline logged',
    );
    await fx.app.command('set-online', { online: true });
    await fx.app.command('power', { event: 'unlock-screen' });
    await until(
      () => fx.app.output(),
      (o) => o.includes('online: refreshing runs'),
      'online logged',
    );
  });

  it('the global shortcut shows the hidden popup', async () => {
    await fx.app.command('window-blur');
    await until(
      () => popup(fx.app),
      (w) => !w.visible,
      'popup hidden after blur',
    );
    const [accelerator] = (await state(fx.app)).shortcuts;
    expect(accelerator).toBe('CommandOrControl+Shift+Y');
    await fx.app.command('shortcut', { accelerator });
    await until(
      () => popup(fx.app),
      (w) => w.visible,
      'popup shown by the shortcut',
    );
  });

  it('quit from the tray menu stops the engine: exit 0, refresher lock released, Chromium gone', async () => {
    const lock = join(fx.home.switchyardConfigDir, REFRESHER_LOCK_FILE);
    expect(existsSync(lock)).toBe(true);
    const [chromiumEvent] = kinds<{ pids: number[] }>(fx.app.events, 'chromium');
    expect(chromiumEvent?.pids.length).toBeGreaterThan(0);
    await fx.app.command('tray-menu-click', { label: 'Quit Switchyard' });
    const code = await Promise.race([
      fx.app.exited,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 20_000)),
    ]);
    expect(code).toBe(0);
    expect(existsSync(lock)).toBe(false);
    for (const pid of chromiumEvent?.pids ?? []) {
      expect(() => process.kill(pid, 0), `Chromium ${pid} outlived the app`).toThrow();
    }
    expect(problems(fx.app.events)).toEqual([]);
  });
});
