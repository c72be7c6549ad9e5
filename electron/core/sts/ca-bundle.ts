import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SharedConfigFiles } from './sdk-shared-config';
import { fileOps } from '../fs/file-ops';
import { StsError } from './sts-error';

/**
 * The certificate authorities STS's TLS certificate is checked against, as the
 * AWS CLI (botocore) reads them: AWS_CA_BUNDLE, else `ca_bundle` of the profile
 * in use, a PEM file that replaces Node's built-in list. The JS SDK reads
 * neither, so both of Switchyard's paths pass it themselves: the direct signer
 * to its https agent, the SDK gateway to its request handler. Behind a
 * TLS-inspecting proxy, this is what makes STS reachable at all.
 */

export interface CaBundle {
  /** The PEM text, as Node's `ca` option takes it. */
  readonly pem: string;
  /** For messages: `AWS_CA_BUNDLE (/path)` or `ca_bundle of profile "x" (/path)`. */
  readonly origin: string;
}

const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----';

/** Where the bundle is, or undefined for Node's built-in list. */
export function caBundleLocation(
  env: NodeJS.ProcessEnv,
  files: SharedConfigFiles,
  profiles: readonly string[],
): { readonly path: string; readonly origin: string } | undefined {
  if (env.AWS_CA_BUNDLE) {
    const path = expandHome(env.AWS_CA_BUNDLE, env);
    return { path, origin: `AWS_CA_BUNDLE (${path})` };
  }
  for (const name of profiles) {
    const value = files.configFile[name]?.ca_bundle;
    if (value) {
      const path = expandHome(value, env);
      return { path, origin: `ca_bundle of profile "${name}" (${path})` };
    }
  }
  return undefined;
}

/** Reads the bundle; a missing, unreadable or non-PEM file is the user's to fix, said in one line. */
export async function loadCaBundle(
  env: NodeJS.ProcessEnv,
  files: SharedConfigFiles,
  profiles: readonly string[],
): Promise<CaBundle | undefined> {
  const where = caBundleLocation(env, files, profiles);
  if (!where) return undefined;
  let pem: string;
  try {
    pem = await fileOps().readFile(where.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw caBundleError(`${where.origin}: cannot read the file (${code})`);
  }
  if (!pem.includes(PEM_CERTIFICATE)) {
    throw caBundleError(`${where.origin}: no PEM certificate in the file`);
  }
  return { pem, origin: where.origin };
}

function caBundleError(what: string): StsError {
  return new StsError(
    'needs-user',
    'CaBundleUnreadable',
    `${what}; point it at a PEM file of the certificate authorities to trust`,
    undefined,
  );
}

/** botocore expands `~`, and a relative path is relative to the working folder. */
function expandHome(path: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME || homedir();
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return resolve(path);
}
