import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILDREN = fileURLToPath(new URL('../children/', import.meta.url));

/** Bundles tests/reliability/children/<name>.ts into <outDir>/<name>.mjs for a plain `node` child. */
export async function bundleChild(name: string, outDir: string): Promise<string> {
  const outfile = join(outDir, `${name}.mjs`);
  await build({
    entryPoints: [join(CHILDREN, `${name}.ts`)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}
