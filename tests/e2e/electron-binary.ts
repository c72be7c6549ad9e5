/**
 * Finds Electron's binary the way scripts/start.mjs does (ELECTRON_OVERRIDE_DIST_PATH,
 * then node_modules/electron/path.txt + dist/) but never downloads it: where it is
 * missing, the smoke test skips with the reason. The build machines here cannot
 * download it, CI included, so a missing binary is a skip even with CI=true.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ElectronBinary {
  readonly path?: string;
  /** Why the smoke test cannot run; undefined when it can. */
  readonly reason?: string;
}

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative ?? 'electron')
    : relative
      ? join(pkgDir, 'dist', relative)
      : undefined;
  if (!candidate || !existsSync(candidate)) {
    return {
      reason:
        "Electron's binary is not installed (node_modules/electron/dist) and is never downloaded by tests",
    };
  }
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { path: candidate, reason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { path: candidate };
}
