/**
 * The built app in real Electron: the popup loads, shows the catalog's roles,
 * and activating one through window.switchyard (preload → IPC → main's checks →
 * engine) writes its profile. Runs wherever Electron's binary exists; skips
 * with the reason elsewhere (see electron-binary.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CatalogStore } from '../../electron/core/catalog/catalog-store';
import type { SwitchyardApi } from '../../shared/ipc-contract';
import type { Snapshot } from '../../shared/model';
import { startFaultStsServer, type FaultStsServer } from '../support/fault-sts-server';
import { repoRoot } from '../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../support/temp-aws-home';
import { findElectronBinary } from './electron-binary';

const electron = findElectronBinary();
const SOURCE_KEY = 'AKIAIOSFODNN7SMOKE01';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSMOKEKEY01';
const ROLE_LABEL = 'Smoke test admin';

/** The page's globals, typed without DOM types in this Node project. */
type PageGlobals = { switchyard: SwitchyardApi };

describe.skipIf(electron.reason !== undefined)(
  `Electron smoke test${electron.reason ? ` (skipped: ${electron.reason})` : ''}`,
  () => {
    let sts: FaultStsServer;
    let home: TempAwsHome;
    let app: ElectronApplication;
    let page: Page;
    let roleId: string;

    beforeAll(async () => {
      const build = spawnSync(
        process.execPath,
        [join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
        {
          cwd: repoRoot,
          encoding: 'utf8',
        },
      );
      if (build.status !== 0) throw new Error(`electron-vite build failed: ${build.stderr}`);

      sts = await startFaultStsServer();
      sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/smoke');
      home = createTempAwsHome({
        credentials: `[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`,
        env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
      });
      const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
      roleId = catalog.add({
        label: ROLE_LABEL,
        roleArn: 'arn:aws:iam::123456789012:role/smoke-admin',
        profile: 'smoke',
        source: { kind: 'profile', profile: 'source' },
      }).id;
      catalog.close();

      app = await _electron.launch({
        executablePath: electron.path!,
        // Chromium refuses to run as root with its sandbox on (CI containers); the smoke test only.
        args: [repoRoot, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        cwd: repoRoot,
        env: { ...home.env, SWITCHYARD_CONFIG_DIR: home.switchyardConfigDir } as Record<
          string,
          string
        >,
        timeout: 60_000,
      });
      page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      // The popup starts hidden until the tray is clicked; show it as a click would.
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.show());
    }, 120_000);

    afterAll(async () => {
      await app?.close();
      await sts?.stop();
      home?.cleanup();
    });

    it('the page has window.switchyard and no Node', async () => {
      const globals = await page.evaluate(() => ({
        api: Object.keys((globalThis as Record<string, unknown>).switchyard ?? {}).sort(),
        require: typeof (globalThis as Record<string, unknown>).require,
        process: typeof (globalThis as Record<string, unknown>).process,
      }));
      expect(globals.api).toContain('activate');
      expect(globals.require).toBe('undefined');
      expect(globals.process).toBe('undefined');
    });

    it('the popup shows the roles of the catalog', async () => {
      await page.getByText(ROLE_LABEL).first().waitFor({ state: 'visible', timeout: 30_000 });
    });

    it('activating a role writes its profile and the snapshot says active', async () => {
      await page.evaluate(
        (id) => (globalThis as unknown as PageGlobals).switchyard.activate(id),
        roleId,
      );
      let snapshot: Snapshot | undefined;
      for (let attempt = 0; attempt < 100; attempt += 1) {
        snapshot = await page.evaluate(() =>
          (globalThis as unknown as PageGlobals).switchyard.getSnapshot(),
        );
        if (snapshot.roles.find((view) => view.role.id === roleId)?.state === 'active') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(snapshot?.roles.find((view) => view.role.id === roleId)?.state).toBe('active');
      expect(home.readCredentials()).toContain('[smoke]');
      expect(JSON.stringify(snapshot)).not.toContain(SOURCE_SECRET);
    });

    it('main refuses ids that are not in the catalog', async () => {
      const error = await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).switchyard.activate('no-such-role').then(
          () => 'accepted',
          (e: unknown) => String(e),
        ),
      );
      expect(error).toMatch(/not a role in the catalog/);
    });
  },
);
