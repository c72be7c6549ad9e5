/**
 * Builds the stand-in `electron` (TypeScript, under tests/) into one ES module
 * beside the built app, and the loader hook that resolves `electron` to it for
 * every importer (the main bundle, electron-store). The app's own bundle in
 * out/ is used as built; only the stand-in is compiled here.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { build } from 'esbuild';

import { repoRoot } from '../../support/run-cli';

export const OUT_DIR = join(repoRoot, 'out');
export const MAIN_BUNDLE = join(OUT_DIR, 'main', 'index.js');
const RUNTIME_DIR = join(repoRoot, 'test-results', 'standin-runtime');

export interface StandinRuntime {
  /** Pass to node as `--import <register>`. */
  readonly register: string;
}

let built: Promise<StandinRuntime> | undefined;

/** Fails loudly when the app was not built (CI builds it before the tests). */
export function checkBuiltApp(): void {
  for (const file of [
    MAIN_BUNDLE,
    join(OUT_DIR, 'preload', 'index.cjs'),
    join(OUT_DIR, 'renderer', 'index.html'),
  ]) {
    if (!existsSync(file) || statSync(file).size === 0) {
      throw new Error(`${file} is missing: run \`npx electron-vite build\` first`);
    }
  }
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
