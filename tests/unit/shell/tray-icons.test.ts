import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { trayIconDir, trayIconFile } from '../../../electron/main/tray-icon-file';
import { TRAY_STATES } from '../../../electron/main/tray-state';
import { repoRoot } from '../../support/run-cli';

const TRAY_DIR = join(repoRoot, 'build', 'tray');

interface Png {
  width: number;
  height: number;
  pixels: Buffer;
}

/** Reads the PNGs scripts/draw-icons.mjs writes: RGBA, 8 bits, filter 0 on every row. */
function readPng(path: string): Png {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect(bytes[24]).toBe(8);
  expect(bytes[25]).toBe(6);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(rows[y * (width * 4 + 1)]).toBe(0);
    rows.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

describe('tray icons', () => {
  it.each(TRAY_STATES)('%s has an image for every platform, at its sizes', (state) => {
    const sizes: [string, number][] = [
      [trayIconFile(state, 'darwin'), 16],
      [trayIconFile(state, 'darwin').replace('.png', '@2x.png'), 32],
      [trayIconFile(state, 'win32'), 16],
      [trayIconFile(state, 'win32').replace('.png', '@2x.png'), 32],
      [trayIconFile(state, 'linux'), 24],
    ];
    for (const [file, size] of sizes) {
      const png = readPng(join(TRAY_DIR, file));
      expect([file, png.width, png.height]).toEqual([file, size, size]);
    }
  });

  it('macOS template images are black and alpha only', () => {
    for (const state of TRAY_STATES) {
      const { pixels } = readPng(join(TRAY_DIR, trayIconFile(state, 'darwin')));
      for (let i = 0; i < pixels.length; i += 4) {
        expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([0, 0, 0]);
      }
    }
  });

  it('every state looks different, on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const images = TRAY_STATES.map((state) =>
        readPng(join(TRAY_DIR, trayIconFile(state, platform))).pixels.toString('base64'),
      );
      expect(new Set(images).size).toBe(TRAY_STATES.length);
    }
  });

  it('the app icon is large enough for every installer (1024 px)', () => {
    const png = readPng(join(repoRoot, 'build', 'icon.png'));
    expect([png.width, png.height]).toEqual([1024, 1024]);
  });

  it('are found in resources/tray when packaged and build/tray when not', () => {
    expect(trayIconDir({ isPackaged: true, resourcesPath: '/r', appPath: '/a' })).toBe(
      join('/r', 'tray'),
    );
    expect(trayIconDir({ isPackaged: false, resourcesPath: '/r', appPath: '/a' })).toBe(
      join('/a', 'build', 'tray'),
    );
    expect(existsSync(TRAY_DIR)).toBe(true);
  });

  it('are exactly what scripts/draw-icons.mjs draws (no hand-edited or borrowed artwork)', () => {
    const script = `
      import { iconFiles } from ${JSON.stringify(join(repoRoot, 'scripts', 'draw-icons.mjs'))};
      import { createHash } from 'node:crypto';
      console.log(JSON.stringify(iconFiles().map(({ path, png }) =>
        [path, createHash('sha256').update(png).digest('hex')])));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const drawn = JSON.parse(run.stdout) as [string, string][];
    expect(drawn.length).toBe(TRAY_STATES.length * 5 + 1);
    for (const [path, hash] of drawn) {
      const committed = createHash('sha256')
        .update(readFileSync(join(repoRoot, 'build', path)))
        .digest('hex');
      expect([path, committed]).toEqual([path, hash]);
    }
  });
});
