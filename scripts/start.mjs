// `npm start`: builds the app and launches it in Electron. Where Electron cannot
// start (no binary and no way to fetch it, or no display) it says why in one line
// and how to run the same engine headless.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const HEADLESS = 'run the same engine headless instead: ./bin/switchyard daemon (see README)';

function fail(reason) {
  console.error(`switchyard: cannot start the tray app: ${reason}; ${HEADLESS}`);
  process.exit(1);
}

function electronBinary() {
  const require = createRequire(import.meta.url);
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { error: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (override) return { path: join(override, relative ?? 'electron') };
  if (relative && existsSync(join(pkgDir, 'dist', relative))) {
    return { path: join(pkgDir, 'dist', relative) };
  }
  // Electron 45+ fetches its binary on first launch; try that once.
  const fetched = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  const after = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (fetched.status === 0 && after && existsSync(join(pkgDir, 'dist', after))) {
    return { path: join(pkgDir, 'dist', after) };
  }
  const why = `${fetched.stderr ?? ''}${fetched.stdout ?? ''}`
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /error|fail|ENOTFOUND|EAI_AGAIN|ECONN/i.test(l));
  return {
    error: `Electron's binary is not installed and could not be downloaded${why ? ` (${why.slice(0, 120)})` : ''}`,
  };
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  fail('no display (DISPLAY and WAYLAND_DISPLAY are unset)');
}
const electron = electronBinary();
if (electron.error) fail(electron.error);

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(electron.path, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
