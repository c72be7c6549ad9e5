/**
 * The per-file fixtures of a UI test: the renderer built and served, Chromium,
 * and local STS and sign-in servers. Call inside a describe that is skipped
 * when Chromium is missing (requireTool('chromium')).
 */
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type FaultStsServer, startFaultStsServer } from '../../support/fault-sts-server';
import { type SigninServer, startSigninServer } from '../../support/signin-server';
import { launchChromium } from './browser';
import { buildRenderer } from './build-renderer';
import {
  openPopup,
  type Popup,
  type PopupOptions,
  SOURCE_KEY,
  SOURCE_SECRET,
} from './popup-harness';
import { serveStatic, type StaticServer } from './static-server';

export interface UiSuite {
  readonly sts: FaultStsServer;
  readonly signin: SigninServer;
  /** Opens a popup on a fresh home and engine; closed after the test. */
  open(options?: Omit<PopupOptions, 'browser' | 'url' | 'stsEndpoint'>): Promise<Popup>;
}

export function useUiSuite(): UiSuite {
  let outDir: string;
  let server: StaticServer;
  let browser: Browser;
  let sts: FaultStsServer;
  let signin: SigninServer;
  const open: Popup[] = [];

  beforeAll(async () => {
    [outDir, browser, sts] = await Promise.all([
      buildRenderer(),
      launchChromium(),
      startFaultStsServer(),
    ]);
    sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/dev');
    signin = await startSigninServer({ sts });
    server = await serveStatic(outDir);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((popup) => popup.close()));
    sts.reset();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sts?.close();
    await signin?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  return {
    get sts() {
      return sts;
    },
    get signin() {
      return signin;
    },
    async open(options = {}) {
      const popup = await openPopup({
        browser,
        url: server.url,
        stsEndpoint: sts.endpoint,
        signinEndpoint: signin.baseUrl,
        ...options,
      });
      open.push(popup);
      return popup;
    },
  };
}
