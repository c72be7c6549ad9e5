#!/usr/bin/env node
/**
 * Tray-menu benchmark: loads the BUILT renderer in Debian's Chromium with a
 * bridge double holding N roles (default 500, every session counting down in
 * seconds: the worst case for ticks) and prints first-render, filter-keystroke
 * and clock-tick timings, plus idle CPU. It prints figures and asserts
 * nothing; the UI tests check behaviour, never timings.
 *
 *   node scripts/bench-ui.mjs [--roles 500] [--runs 5] [--idle-seconds 10]
 *
 * Needs /usr/bin/chromium (or CHROMIUM=/path). Never downloads a browser.
 */
// The arrow functions passed to page.evaluate run in the page.
/* global window */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import {
  announceFirstFrame,
  armKeystrokeTimer,
  bridgeDouble,
  FIRST_FRAME_TIMED,
  setHidden,
  timeReopen,
} from './bench-ui/in-page.mjs';
import { buildRenderer, serve } from './bench-ui/renderer-server.mjs';

const { values: args } = parseArgs({
  options: {
    roles: { type: 'string', default: '500' },
    runs: { type: 'string', default: '5' },
    'idle-seconds': { type: 'string', default: '10' },
  },
});
const ROLES = Number(args.roles);
const RUNS = Number(args.runs);
const IDLE_SECONDS = Number(args['idle-seconds']);
const ROOT = join(import.meta.dirname, '..');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

async function main() {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  const outDir = await buildRenderer(ROOT);
  const server = await serve(outDir);
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const results = {
    firstRender: [],
    firstFrame: [],
    startup: [],
    filterCommit: [],
    filterFrame: [],
    reopen: [],
    tick: [],
    laterKeys: [],
    floorKeys: [],
    warmRender: [],
    warmFrame: [],
  };
  let tickCommits = [];
  let domOptions = 0;
  let listCommitsDuringTicks = 0;
  const idle = {};
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 380, height: 560 } });
      const page = await context.newPage();
      await page.addInitScript(bridgeDouble, { count: ROLES, now: Date.now() });
      await page.addInitScript(announceFirstFrame, FIRST_FRAME_TIMED);
      const timed = page.waitForEvent('console', {
        predicate: (message) => message.text() === FIRST_FRAME_TIMED,
        timeout: 30_000,
      });
      await page.goto(server.url);
      await timed;
      await page.locator('[role=option]').first().waitFor();
      const perf = await page.evaluate(() => ({ ...window.__switchyardPerf }));
      results.firstRender.push(perf.firstRenderMs);
      results.firstFrame.push(perf.firstFrameMs);
      results.startup.push(perf.startupMs);
      domOptions = await page.locator('[role=option]').count();

      // The first keystroke after the page loaded: one that narrows 500 roles to the ~20 % whose text has a "7".
      await page.evaluate(armKeystrokeTimer);
      await page.keyboard.press('7');
      results.filterFrame.push(await page.evaluate(() => window.__benchKey));
      results.filterCommit.push(await page.evaluate(() => window.__switchyardPerf.lastFilterMs));
      // The keystrokes after it: back to all 500, then typing "adm" a letter at a time.
      for (const key of ['Backspace', 'a', 'd', 'm']) {
        await page.evaluate(armKeystrokeTimer);
        await page.keyboard.press(key);
        results.laterKeys.push(await page.evaluate(() => window.__benchKey));
      }
      for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');

      // Hidden long enough for every countdown to be stale, then shown again.
      await page.evaluate(setHidden, true);
      await page.waitForTimeout(1500);
      results.reopen.push(await page.evaluate(timeReopen));

      if (run === 0) {
        // Pause the window's timer the way a hidden popup does, so each measured tick
        // is the only one; ticks 1 s apart make every visible countdown change.
        await page.evaluate(setHidden, true);
        const listBefore = await page.evaluate(() => window.__switchyardPerf.listCommits);
        for (let i = 0; i < 5; i++) {
          await page.waitForTimeout(1000);
          const tick = await page.evaluate(() => window.__switchyardPerf.tick());
          results.tick.push(tick.ms);
          tickCommits.push(tick.countdownCommits);
        }
        listCommitsDuringTicks =
          (await page.evaluate(() => window.__switchyardPerf.listCommits)) - listBefore;

        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        const busyFor = async (seconds) => {
          const task = async () =>
            (await cdp.send('Performance.getMetrics')).metrics.find(
              (m) => m.name === 'TaskDuration',
            ).value;
          const before = await task();
          await page.waitForTimeout(seconds * 1000);
          return ((await task()) - before) * 1000;
        };
        idle.hidden = await busyFor(IDLE_SECONDS);
        // Shown again: every countdown live, nobody touching the popup.
        await page.evaluate(setHidden, false);
        idle.visible = await busyFor(IDLE_SECONDS);
      }

      // The same page loaded again in the same renderer process: V8's in-memory
      // compilation cache, Blink's font and style caches are warm. What is left is
      // the cost of our code and of laying out the rows; the difference from the
      // first load is the renderer process warming up, paid once per launch.
      const reloaded = page.waitForEvent('console', {
        predicate: (message) => message.text() === FIRST_FRAME_TIMED,
        timeout: 30_000,
      });
      await page.reload();
      await reloaded;
      const warm = await page.evaluate(() => ({ ...window.__switchyardPerf }));
      results.warmRender.push(warm.firstRenderMs);
      results.warmFrame.push(warm.firstFrameMs);
      await context.close();
    }
    // The harness's floor: the same keystroke timer on a bare <input> with no script,
    // so input routing and waiting for the next frame are not read as our cost.
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 380, height: 560 } });
      const page = await context.newPage();
      await page.setContent('<input autofocus>');
      await page.locator('input').focus();
      for (const key of ['7', 'Backspace', 'a']) {
        await page.evaluate(armKeystrokeTimer);
        await page.keyboard.press(key);
        results.floorKeys.push(await page.evaluate(() => window.__benchKey));
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }

  const line = (name, xs) =>
    console.log(
      `${name.padEnd(44)} median ${fmt(median(xs)).padStart(9)}   max ${fmt(Math.max(...xs)).padStart(9)}`,
    );
  console.log(`Switchyard tray menu, ${ROLES} roles, ${RUNS} runs, Chromium ${browser.version()}`);
  line('first render (snapshot → list committed)', results.firstRender);
  line('first render (snapshot → first frame)', results.firstFrame);
  line('startup (page start → list committed)', results.startup);
  line('same, page reloaded (snapshot → committed)', results.warmRender);
  line('same, page reloaded (snapshot → first frame)', results.warmFrame);
  line('filter keystroke (input → list committed)', results.filterCommit);
  line('filter keystroke (keydown → next frame)', results.filterFrame);
  line('later keystrokes (Backspace, a, d, m)', results.laterKeys);
  line('floor: keystroke in a bare <input>', results.floorKeys);
  line('reopen (shown again → next frame)', results.reopen);
  line('countdown tick (clock → cells committed)', results.tick);
  console.log(
    `per tick: ${median(tickCommits)} countdown cells re-rendered of ${ROLES} roles ` +
      `(${domOptions} options in the DOM), list re-rendered ${listCommitsDuringTicks} times in 5 ticks`,
  );
  const share = (ms) => `${((ms / (IDLE_SECONDS * 1000)) * 100).toFixed(2)} % of one core`;
  console.log(
    `idle, popup shown, all ${ROLES} countdowns live: ${idle.visible.toFixed(0)} ms of renderer ` +
      `main-thread work in ${IDLE_SECONDS} s (${share(idle.visible)})`,
  );
  console.log(
    `idle, popup hidden: ${idle.hidden.toFixed(0)} ms in ${IDLE_SECONDS} s (${share(idle.hidden)})`,
  );
}

await main();
