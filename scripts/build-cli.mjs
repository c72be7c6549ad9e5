// Bundles the `switchyard` command into dist/cli. Commands load their code
// lazily (dynamic import), so `--help` never parses the AWS SDK; the bundle is
// split so each command only loads what it needs. `assume` also gets a bundle
// of its own in one CommonJS file (assume.cjs, see electron/cli/assume-main.ts),
// and so do `exec` and `env` (exec.cjs, electron/cli/exec-main.ts),
// which bin/switchyard loads for that command: one file instead of about twenty
// ES modules is most of what a cold `assume` spends beyond Node's own start.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const GATEWAY = 'electron/core/sts/sts-gateway.ts';
const HELP = resolve('electron/cli/help');

/**
 * For assume.cjs: the AWS SDK's gateway, needed only past plain keys, stays out
 * of it and is required from sts-gateway.cjs (its own bundle) when needed, as
 * are the help texts (cli-help.cjs, for exec.cjs too), needed only to be printed; and
 * what the code imports lazily, that file and Node's built-ins, is require()d:
 * an import() would start the ES module loader (bin/switchyard's code cache compiles the
 * bundle with vm, where import() is an experimental feature).
 */
const fastPathImports = {
  name: 'fast-path-imports',
  setup(build) {
    build.onResolve({ filter: /^node:|\/sts-gateway$|^\.\/help$/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      if (args.path === './help' && join(args.resolveDir, args.path) !== HELP) return undefined;
      const path = args.path.startsWith('node:')
        ? args.path
        : args.path === './help'
          ? './cli-help.cjs'
          : './sts-gateway.cjs';
      return { path, namespace: 'required' };
    });
    build.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/(sts-gateway|cli-help)\.cjs$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

const outdir = new URL('../dist/cli/', import.meta.url).pathname;
// Built in place, not after emptying the folder: a test run or a command using
// dist/cli meanwhile must never find it missing. Stale chunks go afterwards.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  minify: true,
  sourcemap: 'linked',
  // Native modules and the Electron runtime are never bundled.
  external: ['keytar', 'electron'],
  define: { SWITCHYARD_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

const result = await build({
  ...common,
  metafile: true,
  entryPoints: { switchyard: 'electron/cli/main.ts' },
  outdir,
  splitting: true,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __syCreateRequire } from 'node:module'; const require = __syCreateRequire(import.meta.url);",
  },
});

/**
 * For exec.cjs: the engine (and with it the AWS SDK) stays out of it. `exec` and
 * `env` reach it only without a live session or an endpoint grant; there the
 * bundle has exec-engine-hand-over.ts instead, and the full build runs the
 * command line (electron/cli/exec-main.ts).
 */
const engineHandOver = {
  name: 'engine-hand-over',
  setup(build) {
    build.onResolve({ filter: /\/sessions\/engine$/ }, () => ({
      path: resolve('electron/cli/exec-engine-hand-over.ts'),
    }));
  },
};

const fastBuilds = [
  // `assume`, the SDK's gateway it requires past plain keys, and the help texts.
  {
    entryPoints: {
      assume: 'electron/cli/assume-main.ts',
      'sts-gateway': GATEWAY,
      'cli-help': `${HELP}.ts`,
    },
  },
  // `exec` and `env`.
  { entryPoints: { exec: 'electron/cli/exec-main.ts' }, plugins: [engineHandOver] },
];
const fast = [];
for (const options of fastBuilds) {
  fast.push(
    await build({
      ...common,
      metafile: true,
      outdir,
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      ...options,
      plugins: [...(options.plugins ?? []), fastPathImports],
    }),
  );
}

// bin/switchyard's code cache compiles these with vm, where import() would need an
// experimental loader hook: the plugin above must have turned every one into require().
for (const name of ['assume.cjs', 'exec.cjs']) {
  if (/\bimport\(/.test(await readFile(join(outdir, name), 'utf8'))) {
    throw new Error(`dist/cli/${name} contains an import(); see fastPathImports`);
  }
}

const fresh = new Set(
  [result, ...fast]
    .flatMap((r) => Object.keys(r.metafile.outputs))
    .map((p) => relative(outdir, resolve(p))),
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
