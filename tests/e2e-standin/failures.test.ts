/**
 * The built app when things go wrong, through the stand-in: STS refuses a role
 * (a notification whose click opens the popup on that role), a second launch
 * (hands over to the first and exits), and a catalog that cannot be read at
 * launch (one error dialog, exit 1).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { CATALOG_FILE_NAME } from '../../electron/core/catalog/catalog-paths';
import { createTempAwsHome } from '../support/temp-aws-home';
import { problems, startAppFixture, type AppFixture } from './harness/app-fixture';
import { launchApp } from './harness/launch-app';
import { inPage, kinds, popup, state, until, standinSkipReason } from './support';

const skip = standinSkipReason();
// A whole app per file and Chromium behind it: steps get more than the default 30 s on a loaded CI machine.
vi.setConfig({ testTimeout: 60_000 });
const FIRST = {
  label: 'Alpha reader',
  roleArn: 'arn:aws:iam::210987654321:role/Reader',
  profile: 'alpha',
};
const DENIED = {
  label: 'Zulu admin',
  roleArn: 'arn:aws:iam::210987654321:role/Locked',
  profile: 'zulu',
};
const EXIT_WAIT_MS = 30_000;

/** The label of the role the popup's list points at. */
const ACTIVE_LABEL = `(() => {
  const id = document.querySelector('[role=combobox]')?.getAttribute('aria-activedescendant');
  return id ? document.getElementById(id)?.querySelector('.role-label')?.textContent ?? null : null;
})()`;

function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  return Promise.race([
    promise,
    new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms)),
  ]);
}

describe.skipIf(skip !== '')(`the built app when STS refuses ${skip}`, () => {
  let fx: AppFixture;

  beforeAll(async () => {
    fx = await startAppFixture([FIRST, DENIED]);
    fx.sts.configureRole(DENIED.roleArn, { deny: true });
  }, 90_000);

  afterAll(async () => {
    await fx?.close();
  });

  it('AccessDenied → a notification; clicking it opens the popup on that role', async () => {
    const id = fx.roleIds[DENIED.label];
    await inPage(fx.app, `window.switchyard.activate(${JSON.stringify(id)}).catch(() => null)`);
    const note = await fx.app.waitForEvent((e) => e.kind === 'notification', 'a notification');
    expect(String(note.title)).toContain(DENIED.label);
    expect(JSON.stringify(note)).not.toContain('wJalr');
    expect((await popup(fx.app)).visible).toBe(false);

    await fx.app.command('notification-click', { id: note.id });
    await until(
      () => popup(fx.app),
      (w) => w.visible,
      'popup shown by the click',
    );
    await until(
      () => inPage(fx.app, ACTIVE_LABEL),
      (label) => label === DENIED.label,
      'focus on the role',
    );
    expect(fx.home.readCredentials()).not.toContain(`[${DENIED.profile}]`);
  });

  it('a second launch shows the first one’s popup and exits', async () => {
    await fx.app.command('window-blur');
    await until(
      () => popup(fx.app),
      (w) => !w.visible,
      'popup hidden',
    );
    const second = await launchApp({ env: fx.home.env });
    try {
      expect(await within(second.exited, EXIT_WAIT_MS)).toBe(0);
      expect(kinds(second.events, 'single-instance-lock')).toMatchObject([
        { kind: 'single-instance-lock', held: false },
      ]);
      // The second never opened a window, a tray or Chromium.
      expect(kinds(second.events, 'window-created')).toEqual([]);
      expect(kinds(second.events, 'chromium')).toEqual([]);
    } finally {
      await second.stop();
    }
    await fx.app.waitForEvent((e) => e.kind === 'second-instance', 'the second-instance event');
    await until(
      () => popup(fx.app),
      (w) => w.visible,
      'popup shown for the second launch',
    );
    expect((await state(fx.app)).tray).not.toBeNull();
    expect(problems(fx.app.events)).toEqual([]);
  });
});

describe.skipIf(skip !== '')(`the built app with a bad catalog ${skip}`, () => {
  it('shows one error dialog naming the file and exits 1, leaving the file as it was', async () => {
    const home = createTempAwsHome();
    try {
      const catalog = join(home.switchyardConfigDir, CATALOG_FILE_NAME);
      const broken = '{"version": 1, "roles": [ this is not json';
      writeFileSync(catalog, broken);
      const app = await launchApp({ env: home.env });
      try {
        expect(await within(app.exited, EXIT_WAIT_MS)).toBe(1);
        const boxes = kinds<{ title: string; content: string }>(app.events, 'error-box');
        expect(boxes).toHaveLength(1);
        expect(boxes[0]?.title).toBe('Switchyard could not start');
        expect(boxes[0]?.content).toContain(CATALOG_FILE_NAME);
        expect(boxes[0]?.content.split('\n')).toHaveLength(1);
        expect(kinds(app.events, 'tray-created')).toEqual([]);
        expect(readFileSync(catalog, 'utf8')).toBe(broken);
      } finally {
        await app.stop();
      }
    } finally {
      home.cleanup();
    }
  }, 60_000);
});
