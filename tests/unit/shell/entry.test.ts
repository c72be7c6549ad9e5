import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

const engineFactory = vi.hoisted(() => ({ create: vi.fn() }));
vi.mock('../../../electron/core/session/create-session-engine', () => ({
  createSessionEngine: engineFactory.create,
}));

import { FakeEngine, snapshotOf } from './shell-fixtures';

type Fake = typeof import('./fake-electron');

let logs: string;

/**
 * Runs electron/main/index.ts from the top, as Electron would (the module
 * registry is reset so it runs again). The fake is taken from the mocked
 * `electron` itself, so the test sees the very instance the entry uses.
 */
async function runEntry(setup: (fake: Fake) => void = () => undefined): Promise<Fake> {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetFakeElectron();
  fake.app.logsPath = logs;
  setup(fake);
  await import('../../../electron/main/index');
  // Let whenReady's continuation and boot() run.
  await new Promise((resolve) => setImmediate(resolve));
  return fake;
}

beforeEach(() => {
  logs = mkdtempSync(join(tmpdir(), 'switchyard-entry-'));
  // The desks the entry opens beside the (faked) engine read the catalog and
  // the AWS files: never the real user's, which a test must not touch.
  vi.stubEnv('SWITCHYARD_CONFIG_DIR', join(logs, 'config'));
  vi.stubEnv('AWS_CONFIG_FILE', join(logs, 'aws-config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(logs, 'aws-credentials'));
  engineFactory.create.mockReset();
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(logs, { recursive: true, force: true });
});

describe('electron/main/index.ts', () => {
  it('quits at once when another instance holds the lock', async () => {
    const fake = await runEntry((f) => {
      f.app.singleInstance = false;
    });
    expect(fake.app.quit).toHaveBeenCalled();
    expect(engineFactory.create).not.toHaveBeenCalled();
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });

  it('sandboxes every renderer, hides the Dock icon, starts the engine and the shell', async () => {
    engineFactory.create.mockResolvedValue(new FakeEngine(snapshotOf([])));
    const fake = await runEntry();
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.app.dock.hide).toHaveBeenCalled();
    // The catalog goes through electron-store in the app (same file as the CLI's conf).
    const { electronCatalogStore } = await import('../../../electron/main/electron-catalog-store');
    expect(engineFactory.create).toHaveBeenCalledWith({
      kind: 'app',
      createCatalogStore: electronCatalogStore,
    });
    expect(fake.BrowserWindow.instances).toHaveLength(1);
    expect(fake.Tray.instances).toHaveLength(1);
    // Closing the popup never quits a tray app.
    expect(fake.app.listenerCount('window-all-closed')).toBe(1);
  });

  it('locks down every webContents the app creates', async () => {
    engineFactory.create.mockResolvedValue(new FakeEngine(snapshotOf([])));
    const fake = await runEntry();
    const contents = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(
      contents.emitPreventable('will-navigate', 'https://evil.example/').defaultPrevented,
    ).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('stops the engine before quitting, once', async () => {
    const engine = new FakeEngine(snapshotOf([]));
    engineFactory.create.mockResolvedValue(engine);
    const fake = await runEntry();
    const quit = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', quit);
    fake.app.emit('before-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalledTimes(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(engine.stop).toHaveBeenCalledTimes(1);
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    const last = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('says why and exits when the engine cannot start', async () => {
    // The unpackaged logger echoes to stderr; keep the test output clean.
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    engineFactory.create.mockRejectedValue(new Error('catalog.json is not valid JSON'));
    const fake = await runEntry();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(
      'Switchyard could not start',
      'catalog.json is not valid JSON',
    );
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });
});
