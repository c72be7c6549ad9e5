import type { WebContents } from 'electron';

/**
 * The popup shows one page for its whole life. Electron's security checklist,
 * items "disable or limit navigation" and "disable or limit creation of new
 * windows", and "verify WebView options": every attempt is refused here.
 * Links to the AWS console are opened by main through openAwsUrl, never by
 * letting the page navigate (as Electron Fiddle does in src/main/windows.ts).
 */
export function lockDownWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
