/**
 * Builds the renderer exactly as `electron-vite build` does (same config file,
 * renderer section only) into a fresh folder, so a UI test never runs a stale
 * out/renderer and never depends on the main or preload build.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFromFile } from 'electron-vite';
import { build, type InlineConfig } from 'vite';

const ROOT = join(import.meta.dirname, '../../..');

export async function buildRenderer(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'switchyard-renderer-'));
  const { config } = await loadConfigFromFile(
    { command: 'build', mode: 'production' },
    join(ROOT, 'electron.vite.config.ts'),
    ROOT,
    'warn',
  );
  const renderer = config.renderer as InlineConfig | undefined;
  if (!renderer || typeof renderer !== 'object') {
    throw new Error('electron.vite.config.ts has no plain renderer section');
  }
  // Vitest sets NODE_ENV=test, and Vite (and the React plugin's JSX transform)
  // follow NODE_ENV over `mode`: without this the page would get React's
  // development build, not the one the app ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      ...renderer,
      configFile: false,
      mode: 'production',
      // What electron-vite uses, so the page loads from file:// in the app and any folder here.
      base: './',
      logLevel: 'warn',
      build: { ...renderer.build, outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
