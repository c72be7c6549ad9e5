import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { syncLaunchAtLogin } from '../../../electron/main/launch-at-login';
import * as fake from './fake-electron';

let configHome: string;
let entry: string;
const env = () => ({ XDG_CONFIG_HOME: configHome, HOME: join(configHome, 'no-home') });

beforeEach(() => {
  fake.resetFakeElectron();
  configHome = mkdtempSync(join(tmpdir(), 'switchyard-login-'));
  entry = join(configHome, 'autostart', 'switchyard.desktop');
});
afterEach(() => rmSync(configHome, { recursive: true, force: true }));

describe('syncLaunchAtLogin on Linux', () => {
  it('keeps, at start-up, an entry switched off in the desktop settings; a toggle overrides', async () => {
    await syncLaunchAtLogin('linux', true, env())(true);
    const written = readFileSync(entry, 'utf8');
    writeFileSync(entry, `${written}Hidden=true\n`); // GNOME's "Startup Applications" said no

    const next = syncLaunchAtLogin('linux', true, env()); // the next start of the app
    await next(true);
    expect(readFileSync(entry, 'utf8')).toBe(`${written}Hidden=true\n`);
    await next(false);
    await next(true);
    expect(readFileSync(entry, 'utf8')).toBe(written);
  });

  it('applies quick changes one at a time, ending as the last one says', async () => {
    const apply = syncLaunchAtLogin('linux', true, env());
    const changes = [true, false, true, false].map((enabled) => apply(enabled));
    await Promise.all(changes);
    expect(existsSync(entry)).toBe(false);
    await Promise.all([false, true].map((enabled) => apply(enabled)));
    expect(existsSync(entry)).toBe(true);
  });

  it('asks nothing when the setting is unchanged, nor in an unpackaged run', async () => {
    const apply = syncLaunchAtLogin('linux', true, env());
    await apply(true);
    rmSync(entry);
    await apply(true); // unchanged: the file is not looked at again
    expect(existsSync(entry)).toBe(false);
    await syncLaunchAtLogin('linux', false, env())(true);
    expect(existsSync(entry)).toBe(false);
  });
});
