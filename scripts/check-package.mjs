// The packaging check that runs where Electron's binary cannot be downloaded
// (CI here). electron-builder packages the app for Linux as a plain directory
// (`--linux dir`) from electron-builder.yml, against a STAND-IN Electron: a
// folder holding a fake `electron` executable that carries Electron's fuse
// sentinel, so the real fuse flipping runs on it. Then the result is checked:
// the renamed executable, the fuses, the asar contents, the unpacked keytar
// native module and the tray icons.
//
//   node scripts/check-package.mjs [--json] [--keep]
//
// Nothing is downloaded: electronDist points at the stand-in, the native
// rebuild is skipped (it would fetch Electron's headers; keytar's own build is
// packaged as is), and ELECTRON_MIRROR points at a closed local port so any
// attempt to fetch fails at once instead of reaching the network.
// Exit code 0 when every check passes.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const asJson = args.has('--json');
const keep = args.has('--keep');
const BUILDER_TIMEOUT_MS = 4 * 60_000;

// @electron/asar and @electron/fuses are electron-builder's own dependencies:
// resolve them through it, so the versions are the ones it packages with.
const requireFromBuilder = createRequire(
  createRequire(join(ROOT, 'package.json')).resolve('app-builder-lib/package.json'),
);
const asar = requireFromBuilder('@electron/asar');
const { getCurrentFuseWire, FuseV1Options } = requireFromBuilder('@electron/fuses');

/** Where Electron's binaries keep their fuse wire: sentinel, version 1, length, one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's defaults, so the check sees what electron-builder changes. */
const DEFAULT_FUSES = '10011101';
const FUSE_ON = 0x31;
const FUSE_OFF = 0x30;

const EXPECTED_FUSES = {
  RunAsNode: FUSE_OFF,
  EnableCookieEncryption: FUSE_ON,
  EnableNodeOptionsEnvironmentVariable: FUSE_OFF,
  EnableNodeCliInspectArguments: FUSE_OFF,
  EnableEmbeddedAsarIntegrityValidation: FUSE_ON,
  OnlyLoadAppFromAsar: FUSE_ON,
};

const TRAY_STATES = ['idle', 'fresh', 'expiring', 'attention'];

function log(line) {
  if (!asJson) console.log(line);
}

/** A folder that looks enough like an unpacked Electron for electron-builder's Linux `dir` target. */
function prepareStandInElectron(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const script =
    '#!/bin/sh\necho "stand-in Electron for the packaging check: not runnable" >&2\nexit 1\n';
  const wire = Buffer.concat([
    Buffer.from(`# ${FUSE_SENTINEL}`, 'ascii'),
    Buffer.from([1, DEFAULT_FUSES.length]),
    Buffer.from(DEFAULT_FUSES, 'ascii'),
    Buffer.from('\n', 'ascii'),
  ]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from(script), wire]), { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(join(dir, 'version'), `${electronVersion()}\n`);
}

function electronVersion() {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'))
    .version;
}

function ensureBuilt() {
  const needed = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
  if (needed.every((file) => existsSync(join(ROOT, file)))) return false;
  log('building the app (out/ is missing)…');
  const build = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: BUILDER_TIMEOUT_MS,
    },
  );
  if (build.status !== 0) {
    throw new Error(`electron-vite build failed:\n${build.stderr || build.stdout}`);
  }
  return true;
}

function runElectronBuilder(standIn, output) {
  const cli = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
  const run = spawnSync(
    process.execPath,
    [
      cli,
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `--config.electronDist=${standIn}`,
      '--config.npmRebuild=false',
      `--config.directories.output=${output}`,
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: BUILDER_TIMEOUT_MS,
      env: {
        ...process.env,
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        ELECTRON_BUILDER_BINARIES_MIRROR: 'http://127.0.0.1:9/',
        CSC_IDENTITY_AUTO_DISCOVERY: 'false',
      },
    },
  );
  if (run.error) throw run.error;
  if (run.status !== 0) {
    throw new Error(
      `electron-builder failed (exit ${run.status}):\n${(run.stderr || run.stdout).slice(-4000)}`,
    );
  }
  return run.stdout;
}

function check(results, name, ok, detail) {
  results.push({ name, ok: Boolean(ok), detail });
  log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

async function verify(appOutDir) {
  const results = [];
  const executable = join(appOutDir, 'switchyard');
  const resources = join(appOutDir, 'resources');
  const archive = join(resources, 'app.asar');

  check(
    results,
    'executable renamed to switchyard (linux.executableName)',
    existsSync(executable) && (statSync(executable).mode & 0o111) !== 0,
  );

  const wire = await getCurrentFuseWire(executable);
  const wrongFuses = Object.entries(EXPECTED_FUSES)
    .filter(([name, state]) => wire[FuseV1Options[name]] !== state)
    .map(([name]) => name);
  check(
    results,
    'fuses flipped as electron-builder.yml says',
    wrongFuses.length === 0,
    wrongFuses.length ? `wrong: ${wrongFuses.join(', ')}` : undefined,
  );

  check(results, 'app.asar exists', existsSync(archive));
  const files = asar
    .listPackage(archive, { isPack: false })
    .map((file) => file.replaceAll('\\', '/'));
  const has = (file) => files.includes(file);
  const required = [
    '/package.json',
    '/out/main/index.js',
    '/out/preload/index.cjs',
    '/out/renderer/index.html',
    '/node_modules/@aws-sdk/client-sts/package.json',
    '/node_modules/conf/package.json',
    '/node_modules/keytar/package.json',
  ];
  const missing = required.filter((file) => !has(file));
  check(
    results,
    'asar holds the app bundles and production dependencies',
    missing.length === 0,
    missing.length ? `missing: ${missing.join(', ')}` : `${files.length} entries`,
  );

  const forbidden = [
    /^\/(electron|renderer|shared|tests|scripts|build|src)\//,
    /^\/node_modules\/(electron|electron-builder|electron-vite|vitest|typescript|playwright-core|eslint|vite)\//,
    /\.map$/,
    /^\/(tsconfig[^/]*\.json|electron-builder\.yml|\.ci)/,
  ];
  const leaked = files.filter((file) => forbidden.some((pattern) => pattern.test(file)));
  check(
    results,
    'asar holds no sources, tests, dev dependencies or source maps',
    leaked.length === 0,
    leaked.length ? leaked.slice(0, 10).join(', ') : undefined,
  );

  const manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
  check(
    results,
    'packaged package.json points at the main bundle',
    manifest.main === 'out/main/index.js',
    `main=${manifest.main}`,
  );
  // Electron names userData after productName; the CLI's catalogDir() expects "Switchyard".
  check(
    results,
    'packaged package.json names the product Switchyard',
    manifest.productName === 'Switchyard',
    `productName=${manifest.productName}`,
  );

  const keytarNode = join(
    resources,
    'app.asar.unpacked',
    'node_modules',
    'keytar',
    'build',
    'Release',
    'keytar.node',
  );
  const isElf =
    existsSync(keytarNode) &&
    readFileSync(keytarNode)
      .subarray(0, 4)
      .equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  check(
    results,
    'keytar native module unpacked from the asar',
    isElf,
    keytarNode.slice(appOutDir.length + 1),
  );
  const keytarInAsar = files.find((file) => file.endsWith('keytar.node'));
  const keytarEntry = keytarInAsar ? asar.statFile(archive, keytarInAsar.slice(1)) : undefined;
  check(results, 'asar marks keytar.node as unpacked', keytarEntry?.unpacked === true);

  const icons = TRAY_STATES.flatMap((state) => [
    `tray-${state}Template.png`,
    `tray-${state}Template@2x.png`,
    `tray-${state}.png`,
    `tray-${state}@2x.png`,
    `tray-${state}-linux.png`,
  ]);
  const missingIcons = icons.filter((icon) => !existsSync(join(resources, 'tray', icon)));
  check(
    results,
    'tray icons shipped in resources/tray',
    missingIcons.length === 0,
    missingIcons.length ? `missing: ${missingIcons.join(', ')}` : `${icons.length} files`,
  );

  return { results, files };
}

async function main() {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'switchyard-package-'));
  const standIn = join(work, 'electron-dist');
  const output = join(work, 'release');
  let summary;
  try {
    const built = ensureBuilt();
    prepareStandInElectron(standIn);
    log(`packaging for Linux (dir) against a stand-in Electron ${electronVersion()} in ${work}`);
    runElectronBuilder(standIn, output);
    const appOutDir = join(output, 'linux-unpacked');
    const { results, files } = await verify(appOutDir);
    summary = {
      ok: results.every((result) => result.ok),
      durationMs: Date.now() - started,
      built,
      appOutDir,
      checks: results,
      asarEntries: files,
    };
  } catch (error) {
    summary = {
      ok: false,
      durationMs: Date.now() - started,
      error: String(error?.message ?? error),
      checks: [],
    };
    log(`FAIL ${summary.error}`);
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
  if (asJson) console.log(JSON.stringify(summary));
  else
    log(
      `${summary.ok ? 'packaging check passed' : 'packaging check FAILED'} in ${(summary.durationMs / 1000).toFixed(1)} s${keep ? ` (kept ${work})` : ''}`,
    );
  process.exit(summary.ok ? 0 : 1);
}

await main();
