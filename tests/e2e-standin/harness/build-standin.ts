/**
 * Builds the stand-in `electron` (TypeScript, under tests/) into one ES module
 * beside the built app, and the loader hook that resolves `electron` to it for
 * every importer (the main bundle, electron-store). The app's own bundle in
 * out/ is used as built; only the stand-in is compiled here.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { build } from 'esbuild';

import { repoRoot } from '../../support/run-cli';

export const OUT_DIR = join(repoRoot, 'out');
export const MAIN_BUNDLE = join(OUT_DIR, 'main', 'index.js');
// One folder per test process: test files run in parallel workers, and one must never
// import a stand-in another is writing. Inside the repo, so 'playwright-core' resolves.
const RUNTIME_DIR = join(repoRoot, 'test-results', 'standin-runtime', String(process.pid));

export interface StandinRuntime {
  /** Pass to node as `--import <register>`. */
  readonly register: string;
}

let built: Promise<StandinRuntime> | undefined;

const BUILT_FILES = [
  MAIN_BUNDLE,
  join(OUT_DIR, 'preload', 'index.cjs'),
  join(OUT_DIR, 'renderer', 'index.html'),
];
/** The sources the three bundles are built from. */
const SOURCE_DIRS = ['electron/main', 'electron/preload', 'electron/core', 'renderer', 'shared'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Why the stand-in tests cannot run: the app was never built. Outside CI they
 * skip with that reason; under CI=true (which builds first) they fail.
 */
export function missingBuild(): string | undefined {
  const missing = BUILT_FILES.find((file) => !existsSync(file) || statSync(file).size === 0);
  return missing ? `${missing} is missing: run \`npx electron-vite build\` first` : undefined;
}

/** Fails loudly when the built app is missing or older than its sources (the test would run old code). */
export function checkBuiltApp(): void {
  const missing = missingBuild();
  if (missing) throw new Error(missing);
  const built = Math.min(...BUILT_FILES.map((file) => statSync(file).mtimeMs));
  const stale = SOURCE_DIRS.find((dir) => newestMtime(join(repoRoot, dir)) > built);
  if (stale) throw new Error(`out/ is older than ${stale}: run \`npx electron-vite build\` first`);
}

export function buildStandin(): Promise<StandinRuntime> {
  built ??= (async () => {
    mkdirSync(RUNTIME_DIR, { recursive: true });
    const standin = join(RUNTIME_DIR, 'electron-standin.mjs');
    await build({
      entryPoints: [join(import.meta.dirname, '..', 'standin', 'index.ts')],
      outfile: standin,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: ['playwright-core'],
      logLevel: 'error',
    });
    const hooks = join(RUNTIME_DIR, 'hooks.mjs');
    writeFileSync(
      hooks,
      `const standin = ${JSON.stringify(pathToFileURL(standin).href)};
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: standin, shortCircuit: true };
  return next(specifier, context);
}
`,
    );
    const register = join(RUNTIME_DIR, 'register.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(hooks).href)});
`,
    );
    return { register };
  })();
  return built;
}
