/**
 * Issue #14's bug 4: every focusable control shows a focus ring of at least
 * 3:1 against the surface it is drawn on (WCAG's contrast ratio, computed from
 * getComputedStyle), light and dark, primary buttons included; and a state
 * dot keeps 3:1 against its row whatever colour the user picked.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools';
import { readDotEdges, readFocusRing, type RingReading } from './support/focus-ring';
import { roleForm } from './support/popup-harness';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');
const MIN = 3;

/** Tabs through every stop of the view (until focus comes back round), reading each ring. */
async function tabThrough(page: Page, limit = 60): Promise<RingReading[]> {
  const seen: RingReading[] = [];
  const first = await readFocusRing(page);
  if (first) seen.push(first);
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const reading = await readFocusRing(page);
    if (!reading) continue;
    if (first && reading.key === first.key) break; // round again
    seen.push(reading);
  }
  return seen;
}

const weak = (readings: readonly RingReading[]) =>
  readings
    .filter((reading) => reading.ratio < MIN)
    .map((r) => `${r.control}: ${r.ring} on ${r.against} = ${r.ratio.toFixed(2)}`);

describe.skipIf(!chromium.available)(`focus rings ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`draws a ring of at least 3:1 on every control, and dots of 3:1 (${colorScheme})`, async () => {
      const { page } = await ui.open({
        colorScheme,
        setup: async (engine) => {
          const live = await engine.addRole(roleForm('Live', { color: 'f2b0a9', group: 'prod' }));
          await engine.addRole(roleForm('Pale', { color: 'efda95', group: 'prod' }));
          await engine.addRole(roleForm('Plain', { group: 'prod' }));
          await engine.activate(live.id);
        },
      });
      await page.getByRole('combobox', { name: 'Search roles' }).waitFor();
      const list = await tabThrough(page);
      const kinds = list.map((reading) => reading.control);
      // The kinds that matter are among them: the search, a primary, plain and link buttons.
      expect(kinds.some((kind) => kind.startsWith('input'))).toBe(true);
      expect(kinds.some((kind) => kind.startsWith('button.primary'))).toBe(true);
      expect(kinds.some((kind) => kind.startsWith("button 'Console'"))).toBe(true);
      expect(kinds.some((kind) => kind.startsWith('button.link-button'))).toBe(true);

      await page.keyboard.press('Control+n');
      await page.getByRole('form', { name: 'Add role' }).waitFor();
      await page.getByLabel('Label', { exact: true }).fill('Half');
      const form = await tabThrough(page);
      expect(form.some((reading) => reading.control.startsWith('select'))).toBe(true);
      expect(form.some((reading) => reading.control.startsWith('button.swatch'))).toBe(true);
      await page.keyboard.press('Escape');
      // The "Discard changes?" buttons: Keep editing has the focus, Discard is before it.
      const discard = [await readFocusRing(page)];
      await page.keyboard.press('Shift+Tab');
      discard.push(await readFocusRing(page));
      expect(discard.map((reading) => reading?.control)).toEqual([
        "button 'Keep editing'",
        "button.danger 'Discard'",
      ]);
      await page.getByRole('button', { name: 'Discard' }).click();

      await page.getByRole('button', { name: 'Settings' }).click();
      const settings = await tabThrough(page);
      await page.keyboard.press('Escape');

      expect(weak([...list, ...form, ...discard.flatMap((r) => r ?? []), ...settings])).toEqual([]);
      const dots = await readDotEdges(page);
      expect(dots.length).toBe(3);
      expect(weak(dots)).toEqual([]);
    });
  }
});
