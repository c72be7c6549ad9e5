/**
 * The built renderer served over http, and Chromium, without an engine: for
 * tests that bring their own bridge double in an init script.
 */
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium, newPopupPage, type PopupPage } from './browser';
import { buildRenderer } from './build-renderer';
import { serveStatic, type StaticServer } from './static-server';

export interface StaticRenderer {
  /** A fresh page; `prepare` runs before navigation (init scripts). */
  open(prepare: (page: Page) => Promise<unknown>): Promise<PopupPage>;
}

export function useStaticRenderer(): StaticRenderer {
  let outDir: string;
  let server: StaticServer;
  let browser: Browser;
  const pages: PopupPage[] = [];
  beforeAll(async () => {
    [outDir, browser] = await Promise.all([buildRenderer(), launchChromium()]);
    server = await serveStatic(outDir);
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });
  return {
    async open(prepare) {
      const popup = await newPopupPage(browser);
      pages.push(popup);
      await prepare(popup.page);
      await popup.page.goto(server.url);
      return popup;
    },
  };
}
