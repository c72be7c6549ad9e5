import { describe, expect, it } from 'vitest';

import { isRendererUrl, rendererLocation } from '../../../electron/main/renderer-location';
import { isTrustedSender } from '../../../electron/main/trusted-sender';

const mainDir = '/opt/Switchyard/resources/app.asar/out/main';
const packaged = rendererLocation({ mainDir, isPackaged: true, devServerUrl: undefined });
const RENDERER = 'file:///opt/Switchyard/resources/app.asar/out/renderer/index.html';

describe('rendererLocation', () => {
  it('is the built index.html next to the main bundle', () => {
    expect(packaged).toEqual({ kind: 'file', url: RENDERER });
  });

  it('uses the electron-vite dev server only in an unpackaged run, and only on loopback http', () => {
    expect(
      rendererLocation({ mainDir, isPackaged: false, devServerUrl: 'http://localhost:5173/' }),
    ).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    expect(
      rendererLocation({ mainDir, isPackaged: true, devServerUrl: 'http://localhost:5173/' }).kind,
    ).toBe('file');
    for (const devServerUrl of ['https://evil.example/', 'http://10.0.0.5:5173/', 'not a url']) {
      expect(rendererLocation({ mainDir, isPackaged: false, devServerUrl }).kind).toBe('file');
    }
  });
});

describe('isRendererUrl', () => {
  it('accepts the exact renderer file, with or without a hash or query', () => {
    expect(isRendererUrl(RENDERER, packaged)).toBe(true);
    expect(isRendererUrl(`${RENDERER}#/settings`, packaged)).toBe(true);
    expect(isRendererUrl(`${RENDERER}?x=1`, packaged)).toBe(true);
  });

  it.each([
    'file:///opt/Switchyard/resources/app.asar/out/renderer/other.html',
    'file:///tmp/index.html',
    'file://host/opt/Switchyard/resources/app.asar/out/renderer/index.html',
    'https://signin.aws.amazon.com/',
    'http://localhost:5173/',
    'about:blank',
    'devtools://devtools/bundled/index.html',
    '',
  ])('refuses %s', (url) => {
    expect(isRendererUrl(url, packaged)).toBe(false);
  });

  it('in development trusts the dev server origin only', () => {
    const dev = rendererLocation({
      mainDir,
      isPackaged: false,
      devServerUrl: 'http://localhost:5173/',
    });
    expect(isRendererUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl(RENDERER, dev)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const popup = { id: 1 };
  const check = (url: string): boolean => isRendererUrl(url, packaged);
  const mainFrame = { url: RENDERER, parent: null };

  it("accepts the popup's own main frame on the renderer page", () => {
    expect(isTrustedSender({ sender: popup, senderFrame: mainFrame }, popup, check)).toBe(true);
  });

  it('refuses another webContents, even on the same page', () => {
    expect(isTrustedSender({ sender: { id: 2 }, senderFrame: mainFrame }, popup, check)).toBe(
      false,
    );
  });

  it('refuses when there is no popup yet', () => {
    expect(isTrustedSender({ sender: popup, senderFrame: mainFrame }, undefined, check)).toBe(
      false,
    );
  });

  it('refuses a sub-frame, a navigated-away page and a gone frame', () => {
    const child = { url: RENDERER, parent: mainFrame };
    expect(isTrustedSender({ sender: popup, senderFrame: child }, popup, check)).toBe(false);
    const away = { url: 'https://evil.example/', parent: null };
    expect(isTrustedSender({ sender: popup, senderFrame: away }, popup, check)).toBe(false);
    expect(isTrustedSender({ sender: popup, senderFrame: null }, popup, check)).toBe(false);
  });
});
