/**
 * 500 roles: the list stays virtual, the keyboard reaches every role, and a
 * clock tick re-renders only the countdowns in view. Behaviour only: the
 * timings are scripts/bench-ui.mjs's job. No engine needed, so a bridge double
 * serves the snapshot.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools';
import { screenshot } from './support/browser';
import { activeLabel } from './support/list-helpers';
import { useStaticRenderer } from './support/static-renderer';

const chromium = requireTool('chromium');
const COUNT = 500;

/**
 * Runs in the page: a read-only `window.switchyard` with `count` roles, active
 * (all pinned in one section, counting down) or, with `live: false`, off (in
 * their account groups).
 */
function bridgeDouble({ count, now, live = true }: { count: number; now: number; live?: boolean }) {
  const roles = Array.from({ length: count }, (_, i) => ({
    role: {
      id: `r${i}`,
      label: `Role ${String(i).padStart(3, '0')}`,
      roleArn: `arn:aws:iam::${String(100000000000 + (i % 50)).padStart(12, '0')}:role/R${i}`,
      profile: `p${i}`,
      source: { kind: 'profile', profile: 'source' },
      tags: [],
    },
    state: live ? 'active' : 'inactive',
    // Under ten minutes: the label shows seconds, so it changes on every tick.
    ...(live ? { expiresAt: now + 300_000 + i * 100, renewal: { kind: 'renews' } } : {}),
    isDefault: false,
    chained: false,
  }));
  const snapshot = {
    roles,
    mfaPrompts: [],
    signInPrompts: [],
    settings: {
      refreshMarginSeconds: 60,
      removeExpiredProfiles: true,
      launchAtLogin: false,
      shortcut: 'X',
    },
    refresher: { active: true },
  };
  const noop = async () => undefined;
  Object.defineProperty(window, 'switchyard', {
    value: new Proxy(
      {
        getSnapshot: async () => snapshot,
        onSnapshot: () => () => undefined,
        onFocusRole: () => () => undefined,
        onPopupVisibility: () => () => undefined,
        getSsoProgress: async () => ({ phase: 'idle' }),
        onSsoProgress: () => () => undefined,
        copyProfileExport: noop,
        copyTerminalCommand: noop,
        copyForAdmin: noop,
        subscriptions: async () => [],
        onSubscriptions: () => () => undefined,
        openConsoleAt: noop,
      },
      { get: (target, key: string) => (target as Record<string, unknown>)[key] ?? noop },
    ),
  });
}

/** Hides or shows the page as Electron does for the popup window, pausing the clock's timer. */
function setHidden(page: Page, hidden: boolean) {
  return page.evaluate((value) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/**
 * Runs in the page: where the active option sits in the list's viewport, whether
 * the heading right above it (for a group's first role) is in view too, and
 * whether the rendered rows leave a gap anywhere in the viewport.
 */
function viewportState() {
  const scroller = document.querySelector('.role-list-scroll');
  const active = document.querySelector('[role=option][aria-selected=true]');
  if (!scroller) throw new Error('no list');
  const view = scroller.getBoundingClientRect();
  const inView = (el: Element) => {
    const box = el.getBoundingClientRect();
    return box.top >= view.top - 0.5 && box.bottom <= view.bottom + 0.5;
  };
  const boxes = [...document.querySelectorAll('.role-list .group-header, .role-list [role=option]')]
    .map((el) => el.getBoundingClientRect())
    .sort((a, b) => a.top - b.top);
  // The list's border is the viewport's first pixel row: rows start below it.
  let covered = view.top + 1;
  for (const box of boxes) {
    if (box.bottom <= covered) continue;
    if (box.top > covered + 0.5) break;
    covered = box.bottom;
  }
  const heading = active?.previousElementSibling;
  const activeTop = active?.getBoundingClientRect().top;
  const headingAbove =
    heading?.classList.contains('group-header') &&
    Math.abs(heading.getBoundingClientRect().bottom - (activeTop ?? NaN)) < 0.5
      ? heading
      : undefined;
  return {
    label: active?.querySelector('.role-label')?.textContent ?? null,
    activeInView: active ? inView(active) : false,
    headingInView: headingAbove ? inView(headingAbove) : null,
    gapless: covered >= view.bottom - 0.5,
  };
}

interface Perf {
  countdownCommits: number;
  listCommits: number;
  lastFilterMs?: number;
  firstRenderMs?: number;
  tick(): { ms: number; countdownCommits: number };
}
const perfOf = (page: Page) =>
  page.evaluate(() => {
    const perf = (window as unknown as { __switchyardPerf: Perf }).__switchyardPerf;
    return { ...perf, tick: undefined };
  });

describe.skipIf(!chromium.available)(`500 roles ${chromium.skipReason}`, () => {
  const renderer = useStaticRenderer();

  it('keeps the list virtual and reaches every role from the keyboard', async () => {
    // Off: in their account groups (live roles would all be in the pinned section).
    const { page, problems } = await renderer.open((p) =>
      p.addInitScript(bridgeDouble, { count: COUNT, now: Date.now(), live: false }),
    );
    const options = page.getByRole('option');
    await options.first().waitFor();
    expect(await options.count()).toBeLessThan(60);
    expect(await options.first().getAttribute('aria-setsize')).toBe(String(COUNT));

    await page.keyboard.press('Control+ArrowDown');
    expect(await activeLabel(page)).toBe('Role 499');
    const last = page.locator('[role=option][aria-selected=true]');
    expect(await last.getAttribute('aria-posinset')).toBe(String(COUNT));
    expect(await last.isVisible()).toBe(true);
    // Ten up: through the last account's ten roles (049, 099 … 499) into the one before.
    await page.keyboard.press('PageUp');
    expect(await activeLabel(page)).toBe('Role 498');

    await page.getByRole('combobox').pressSequentially('r12'); // role names R12, R120 … R129;
    // All eleven match; how many rows are drawn depends on the details panel's height.
    const matches = ['Role 012', ...Array.from({ length: 10 }, (_, i) => `Role 12${i}`)];
    const drawn = await page.locator('[role=option] .role-label').allTextContents();
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn).toEqual(matches.slice(0, drawn.length));
    expect(await options.first().getAttribute('aria-setsize')).toBe(String(matches.length));
    const perf = await perfOf(page);
    expect(typeof perf.firstRenderMs).toBe('number');
    expect(typeof perf.lastFilterMs).toBe('number');
    await screenshot(page, 'many-roles-search');
    expect(problems).toEqual([]);
  });

  it('keeps the active role, and the heading of a group it enters, in view without gaps', async () => {
    const { page, problems } = await renderer.open((p) =>
      p.addInitScript(bridgeDouble, { count: COUNT, now: Date.now(), live: false }),
    );
    await page.getByRole('option').first().waitFor();
    // 25 steps down cross two account boundaries (ten roles each) below the fold.
    let entered = 0;
    for (let step = 1; step <= 25; step++) {
      await page.keyboard.press('ArrowDown');
      const state = await page.evaluate(viewportState);
      expect(state, `step ${step}`).toMatchObject({ activeInView: true, gapless: true });
      if (state.headingInView !== null) {
        entered++;
        expect(state.headingInView, `heading at step ${step}`).toBe(true);
      }
    }
    expect(entered).toBeGreaterThan(0);
    for (const key of ['PageDown', 'PageDown', 'Control+ArrowDown', 'PageUp', 'Control+ArrowUp']) {
      await page.keyboard.press(key);
      expect(await page.evaluate(viewportState), key).toMatchObject({
        activeInView: true,
        gapless: true,
      });
    }
    // Scrolling with the wheel renders the rows it scrolls to.
    await page.getByRole('listbox').hover();
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, 900);
      await expect.poll(async () => (await page.evaluate(viewportState)).gapless).toBe(true);
    }
    expect(problems).toEqual([]);
  });

  it('a tick re-renders only the countdowns in view, never the list', async () => {
    const { page } = await renderer.open((p) =>
      p.addInitScript(bridgeDouble, { count: COUNT, now: Date.now() }),
    );
    await page.getByRole('option').first().waitFor();
    await setHidden(page, true); // stop the timer: each measured tick is the only one
    const visible = await page.getByTestId('countdown').count();
    const before = await perfOf(page);
    await page.waitForTimeout(1100);
    const tick = await page.evaluate(() =>
      (window as unknown as { __switchyardPerf: Perf }).__switchyardPerf.tick(),
    );
    const after = await perfOf(page);
    expect(tick.countdownCommits).toBeGreaterThan(0);
    expect(tick.countdownCommits).toBeLessThanOrEqual(visible);
    expect(visible).toBeLessThan(60);
    expect(after.listCommits).toBe(before.listCommits);
  });
});
