// Bundles the `switchyard` command into dist/cli. Commands load their code
// lazily (dynamic import), so `--help` never parses the AWS SDK; the bundle is
// split so each command only loads what it needs.
import { readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const outdir = new URL('../dist/cli/', import.meta.url).pathname;
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { switchyard: 'electron/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  sourcemap: 'linked',
  // Native modules and the Electron runtime are never bundled.
  external: ['keytar', 'electron'],
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __syCreateRequire } from 'node:module'; const require = __syCreateRequire(import.meta.url);",
  },
  define: { SWITCHYARD_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
