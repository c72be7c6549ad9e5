/**
 * Debian's Chromium through playwright-core (never `playwright install`), with
 * the popup's size, and a page that fails the test on CSP violations and
 * uncaught errors instead of letting them pass silently.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from '../../support/tools';

export const POPUP = { width: 380, height: 560 } as const;

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium is missing (requireTool should have skipped)');
  return chromium.launch({ executablePath, args: ARGS });
}

export interface PopupPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, CSP violations and uncaught exceptions seen so far. */
  readonly problems: string[];
}

export async function newPopupPage(
  browser: Browser,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<PopupPage> {
  const context = await browser.newContext({
    viewport: POPUP,
    deviceScaleFactor: 2,
    colorScheme,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

export const SCREENSHOT_DIR = join(import.meta.dirname, '../../../test-results/screenshots');
const DOCS_DIR = join(import.meta.dirname, '../../../docs/screenshots');

/**
 * Saves a screenshot as a test artifact; with SWITCHYARD_DOC_SCREENSHOTS=1 the
 * ones marked `doc` also refresh the committed copies in docs/screenshots.
 */
export async function screenshot(page: Page, name: string, doc = false): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  if (doc && process.env.SWITCHYARD_DOC_SCREENSHOTS === '1') {
    mkdirSync(DOCS_DIR, { recursive: true });
    await page.screenshot({ path: join(DOCS_DIR, `${name}.png`) });
  }
}
