import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * `switchyard exec` calls openGrant on every run and `switchyard endpoint` is
 * a grant and nothing else: neither may load the AWS SDK (a cold SDK parse
 * costs more than the exec budget). Checked on the bundle's real import graph.
 */
describe('the grant client import graph', () => {
  it.each(['electron/core/endpoint/grant-client.ts', 'electron/cli/commands/endpoint.ts'])(
    '%s pulls in no AWS SDK or Smithy module',
    async (entry) => {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        format: 'esm',
        external: ['keytar', 'electron'],
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.some((p) => p.includes('electron/core/endpoint/grant-client.ts'))).toBe(true);
      expect(inputs.filter((p) => /@aws-sdk|@smithy|@aws-crypto/.test(p))).toEqual([]);
    },
  );
});
