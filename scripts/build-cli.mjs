// Bundles the `switchyard` command into dist/cli. Commands load their code
// lazily (dynamic import), so `--help` never parses the AWS SDK; the bundle is
// split so each command only loads what it needs.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const outdir = new URL('../dist/cli/', import.meta.url).pathname;
// Built in place, not after emptying the folder: a test run or a command using
// dist/cli meanwhile must never find it missing. Stale chunks go afterwards.
const result = await build({
  metafile: true,
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

const fresh = new Set(
  Object.keys(result.metafile.outputs).map((p) => relative(outdir, resolve(p))),
);
for (const dir of ['', 'chunks']) {
  const names = await readdir(join(outdir, dir)).catch(() => []);
  for (const name of names) {
    const path = join(dir, name);
    if (name !== 'chunks' && !fresh.has(path) && !fresh.has(path.replace(/\.map$/, ''))) {
      await rm(join(outdir, path), { force: true });
    }
  }
}
