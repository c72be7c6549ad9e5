/**
 * The built app, launched as a user would: the tray comes up idle, the popup
 * window exists hidden with the built renderer rendered in it, and nothing the
 * app asked of Electron was missing from the stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { requireTool } from '../support/tools';
import { createTempAwsHome, type TempAwsHome } from '../support/temp-aws-home';
import { launchApp, type RunningApp } from './harness/launch-app';

const chromium = requireTool('chromium');

describe.skipIf(!chromium.available)(`launch ${chromium.skipReason}`, () => {
  let home: TempAwsHome;
  let app: RunningApp;

  beforeAll(async () => {
    home = createTempAwsHome();
    app = await launchApp({ env: home.env });
    await app.waitForEvent((e) => e.kind === 'ready-to-show', 'the popup page loaded', 60_000);
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    home?.cleanup();
  });

  it('comes up with the tray idle and the popup hidden but rendered', async () => {
    const state = await app.command<{ tray: { image: string } ; windows: { visible: boolean; url: string }[] }>('state');
    console.log(JSON.stringify(state, null, 2));
    console.log(app.events.map((e) => JSON.stringify(e)).join('\n'));
    console.log(app.output());
    expect(state.tray.image).toBe('tray-idle-linux.png');
  });
});
