import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTOSTART_FILE_NAME,
  autostartDir,
  autostartEntry,
  execArgument,
  launchPath,
  setXdgAutostart,
  xdgAutostartState,
} from '../../../electron/main/xdg-autostart';
import { requireTool } from '../../support/tools';

const validator = requireTool('desktop-file-validate');
const gio = requireTool('gio');

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-autostart-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Folder names a packaged app could really sit under, each with a character Exec must quote. */
const AWKWARD = [
  'My Apps',
  'a$HOME b',
  'say "hi"',
  'back`tick`',
  'back\\slash',
  "it's",
  'semi;colon&',
];

describe('autostartDir', () => {
  it('is $XDG_CONFIG_HOME/autostart, else ~/.config/autostart (relative values ignored)', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/x/conf', HOME: '/home/u' })).toBe('/x/conf/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'conf', HOME: '/home/u' })).toBe(
      '/home/u/.config/autostart',
    );
    expect(autostartDir({ HOME: '/home/u' })).toBe('/home/u/.config/autostart');
  });
});

describe('launchPath', () => {
  it('is the AppImage file when running from one, else the executable', () => {
    expect(
      launchPath({ APPIMAGE: '/home/u/Apps/Switchyard.AppImage' }, '/tmp/.mount_x/switchyard'),
    ).toBe('/home/u/Apps/Switchyard.AppImage');
    expect(launchPath({}, '/opt/Switchyard/switchyard')).toBe('/opt/Switchyard/switchyard');
    expect(launchPath({ APPIMAGE: 'relative.AppImage' }, '/opt/S/switchyard')).toBe(
      '/opt/S/switchyard',
    );
  });
});

describe('execArgument', () => {
  it('quotes the path and escapes what the spec reserves, backslashes doubled for the file format', () => {
    expect(execArgument('/opt/Switchyard/switchyard')).toBe('"/opt/Switchyard/switchyard"');
    expect(execArgument('/a b/$x "y" `z`')).toBe('"/a b/\\\\$x \\\\"y\\\\" \\\\`z\\\\`"');
    expect(execArgument('/a\\b')).toBe('"/a\\\\\\\\b"');
  });

  it('refuses, with the reason and the way out, what no desktop could start', () => {
    expect(() => execArgument('/opt/100% apps/switchyard')).toThrow(
      /cannot start "\/opt\/100% apps\/switchyard" at login: GNOME's autostart cannot read a path with a %; move Switchyard to a plainer path/,
    );
    expect(() => execArgument('/opt/new\nline/switchyard')).toThrow(/control character/);
  });
});

describe('setXdgAutostart', async () => {
  it('writes one 0644 entry through a temporary file, leaves it alone when unchanged, and removes only it', async () => {
    const dir = join(tempDir(), 'autostart'); // missing: created
    const other = join(dir, 'someone-else.desktop');
    await setXdgAutostart(true, dir, '/opt/Switchyard/switchyard');
    const path = join(dir, AUTOSTART_FILE_NAME);
    expect(readFileSync(path, 'utf8')).toBe(autostartEntry('/opt/Switchyard/switchyard'));
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(await xdgAutostartState(dir)).toBe('on');
    writeFileSync(other, '[Desktop Entry]\nType=Application\nName=Other\nExec=other\n');

    const before = statSync(path);
    await setXdgAutostart(true, dir, '/opt/Switchyard/switchyard');
    expect(statSync(path).ino).toBe(before.ino); // not rewritten
    await setXdgAutostart(true, dir, '/opt/Moved/switchyard');
    expect(readFileSync(path, 'utf8')).toContain('Exec="/opt/Moved/switchyard"\n');
    expect(readdirSync(dir).sort()).toEqual(['someone-else.desktop', AUTOSTART_FILE_NAME]);

    await setXdgAutostart(false, dir, '/opt/Moved/switchyard');
    expect(existsSync(path)).toBe(false);
    expect(await xdgAutostartState(dir)).toBe('missing');
    expect(readdirSync(dir)).toEqual(['someone-else.desktop']);
    await setXdgAutostart(false, dir, '/opt/Moved/switchyard'); // already off: nothing to do
  });

  it('reads an entry switched off in the session settings (Hidden, or the GNOME key) as such', async () => {
    const dir = tempDir();
    const path = join(dir, AUTOSTART_FILE_NAME);
    await setXdgAutostart(true, dir, '/opt/Switchyard/switchyard');
    const entry = readFileSync(path, 'utf8');
    writeFileSync(path, `${entry}Hidden=true\n`);
    expect(await xdgAutostartState(dir)).toBe('switched-off');
    writeFileSync(
      path,
      entry.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'),
    );
    expect(await xdgAutostartState(dir)).toBe('switched-off');
  });

  it('fails with the file system error when the folder cannot be made, touching nothing', async () => {
    const parent = tempDir();
    const dir = join(parent, 'autostart');
    writeFileSync(dir, 'a file where the folder should be');
    await expect(setXdgAutostart(true, dir, '/opt/Switchyard/switchyard')).rejects.toMatchObject({
      code: expect.stringMatching(/^(EEXIST|ENOTDIR)$/),
      message: expect.stringContaining('nothing was changed'),
    });
    expect(readFileSync(dir, 'utf8')).toBe('a file where the folder should be');
    expect(readdirSync(parent)).toEqual(['autostart']);
  });
});

describe.skipIf(!validator.available)(`desktop-file-validate ${validator.skipReason}`, () => {
  it('finds nothing wrong with the entry, for plain and awkward paths', () => {
    const dir = tempDir();
    for (const folder of ['', ...AWKWARD]) {
      const file = join(dir, AUTOSTART_FILE_NAME);
      writeFileSync(file, autostartEntry(join('/opt', folder, 'switchyard')));
      const run = spawnSync('desktop-file-validate', [file], { encoding: 'utf8', timeout: 10_000 });
      expect(`${run.stdout}${run.stderr}`, folder).toBe('');
      expect(run.status, folder).toBe(0);
    }
  });
});

describe.skipIf(!gio.available)(`GLib starts what the entry names ${gio.skipReason}`, () => {
  // `gio launch` reads the entry with GLib's GDesktopAppInfo, as GNOME, Xfce, Cinnamon
  // and MATE do at login, and runs its Exec line: the program must be the one named.
  it('runs the program at each awkward path, and nothing else', () => {
    const root = tempDir();
    for (const [i, folder] of AWKWARD.entries()) {
      const dir = join(root, folder);
      mkdirSync(dir, { recursive: true });
      const marker = join(root, `ran-${i}`);
      const program = join(dir, 'switch yard');
      writeFileSync(program, `#!/bin/sh\necho "$@" > '${marker}'\n`);
      chmodSync(program, 0o755);
      const entry = join(root, `entry-${i}.desktop`);
      writeFileSync(entry, autostartEntry(program));
      execFileSync('gio', ['launch', entry], { timeout: 10_000, stdio: 'pipe' });
      // gio starts the program and returns; wait (bounded) for it to have run.
      const deadline = Date.now() + 5_000;
      while (!existsSync(marker) && Date.now() < deadline) spawnSync('sleep', ['0.05']);
      expect(existsSync(marker), folder).toBe(true);
      expect(readFileSync(marker, 'utf8'), folder).toBe('\n'); // no arguments
    }
  });
});
