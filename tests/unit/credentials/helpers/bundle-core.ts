import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CORE = fileURLToPath(new URL('../../../../electron/core/', import.meta.url));

/**
 * Bundles the credentials engine into one .mjs file that a child `node` can
 * import, so a test can run it as another user (Node 20 cannot run .ts).
 */
export async function bundleCore(outDir: string): Promise<string> {
  const outfile = join(outDir, 'core.mjs');
  await build({
    stdin: {
      contents: [
        `export { CredentialsFile } from './credentials/credentials-file';`,
        `export { writeFileAtomic } from './fs/atomic-write';`,
        `export { Secret } from './secret';`,
      ].join('\n'),
      resolveDir: CORE,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
  await chmod(outfile, 0o644);
  return outfile;
}
