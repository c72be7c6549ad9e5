import type { Page } from 'playwright-core';

/** The option of the role with this label (its visible label: rows have no aria-label). */
export function option(page: Page, label: string) {
  return page.locator(`[role=option]:has(.role-label:text-is(${JSON.stringify(label)}))`);
}

/** The id of the option the search box points at (aria-activedescendant). */
export function activeOptionId(page: Page): Promise<string | null> {
  return page.getByRole('combobox', { name: 'Search roles' }).getAttribute('aria-activedescendant');
}

/** The label of the option the search box points at. */
export async function activeLabel(page: Page): Promise<string | undefined> {
  const id = await activeOptionId(page);
  if (!id) return undefined;
  return (await page.locator(`#${id} .role-label`).textContent()) ?? undefined;
}

export function focusedLabel(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
}

/** Parses "42m", "3m 10s", "1h 05m", "45s" back to seconds (to compare two readings). */
export function countdownSeconds(text: string): number {
  let seconds = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)([hms])/g)) {
    seconds += Number(n) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
  }
  return seconds;
}
