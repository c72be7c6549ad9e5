import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { catalogDir } from '../catalog/catalog-paths';
import { lockHolderAlive, readLockFile } from '../fs/lock-file';
import { readRegularFileSync } from '../fs/regular-file';
import { parseState } from '../refresh/parse-state';
import { refresherLockPath } from '../refresh/refresher-lock';
import { openStateFile, type StateFile } from '../refresh/state-file';
import { isCorruptStateFile, StateFileError } from '../refresh/state-file-error';
import { STATE_FILE_NAME, type EndpointRecord, type GrantRecord } from '../refresh/state-model';
import { Secret } from '../secret';
import { sealForRefresher } from '../session/code-sealing';
import { addGrant, dropGrants } from './grant-changes';
import { grantsDir, removeGrantFileSync, writeGrantFile } from './grant-files';
import { newGrantToken, tokenSha256 } from './grant-token';

// No AWS SDK in this module's import graph: `switchyard exec` loads it on every run.

/**
 * A grant on the running refresher's local credential endpoint: the two
 * variables a child process needs (`AWS_CONTAINER_CREDENTIALS_FULL_URI`,
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN`) and the way to take it back.
 */
export interface GrantHandle {
  /** `http://127.0.0.1:<port>/…`: the container credentials URI for this grant. */
  readonly uri: string;
  /** The bearer token; only its SHA-256 is ever stored. */
  readonly token: Secret;
  /** Removes the grant; the endpoint answers 401 to its token from then on. */
  revoke(): Promise<void>;
}

export interface OpenGrantOptions {
  readonly roleId: string;
  /** `exec` grants die with `pid`; `endpoint` grants last until revoked. */
  readonly kind: 'exec' | 'endpoint';
  readonly pid?: number;
  /** An MFA code typed for this grant, when the role needs one. */
  readonly mfaCode?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * An `exec` grant and its revocation are written without fsync (two fsyncs
 * each, on the file and its folder, were most of the time `exec` spent on
 * them). The refresher sees the change at once either way: fsync only buys
 * survival of a power loss or kernel crash, and an exec grant is worthless
 * after one (its refresher and its child are gone). A lost grant is a token
 * nobody holds any more; a lost revocation leaves a grant whose pid is gone,
 * which the refresher drops when it starts and every 10 s after
 * (endpoint-host.ts); a file a crash left empty or cut short is set aside and
 * rebuilt (state-file.ts). An `endpoint` grant lives on in the user's env-files
 * until they revoke it, across reboots: it and its revocation stay durable.
 */
const EXEC_GRANT_WRITES = { durable: false } as const;

/** The URI path of a role's credentials on the endpoint. */
export function endpointPath(roleId: string): string {
  return `/role/${encodeURIComponent(roleId)}`;
}

export function endpointUri(port: number, roleId: string): string {
  return `http://127.0.0.1:${port}${endpointPath(roleId)}`;
}

/**
 * Asks the running refresher for a grant. Resolves to undefined when no
 * refresher serves an endpoint (the caller then hands out keys instead): no
 * `endpoint` record in state.json, or its pid is not the live holder of the
 * refresher lock (a refresher that stopped leaves its record as a port hint).
 * The token is made here and written only as its SHA-256, under the state
 * file's lock, in the same write that checks the endpoint record.
 */
export async function openGrant(options: OpenGrantOptions): Promise<GrantHandle | undefined> {
  const configDir = catalogDir(options.env ?? process.env);
  const holder = servingRefresher(configDir);
  if (!holder) return undefined;
  if (options.kind === 'exec' && options.mfaCode === undefined) {
    const handle = openGrantFile(configDir, holder.pid, options);
    if (handle) return handle;
  }
  const stateFile = openStateFile({ configDir });
  const token = newGrantToken();
  const id = randomUUID();
  const durability = options.kind === 'exec' ? EXEC_GRANT_WRITES : undefined;
  let served: EndpointRecord | undefined;
  try {
    await stateFile.update((current) => {
      served = current.endpoint?.pid === holder.pid ? current.endpoint : undefined;
      if (!served) return current;
      const now = Date.now();
      const grant: GrantRecord = {
        id,
        roleId: options.roleId,
        kind: options.kind,
        tokenSha256: tokenSha256(token),
        ...(options.pid !== undefined ? { pid: options.pid } : {}),
        createdAt: now,
        ...(options.mfaCode !== undefined
          ? {
              mfaCode: sealForRefresher(
                current,
                holder,
                options.mfaCode,
                { id, roleId: options.roleId },
                now,
              ),
            }
          : {}),
      };
      return addGrant(current, grant);
    }, durability);
  } catch (error) {
    // A damaged or newer state file: the refresher sorts it out; the caller hands out keys meanwhile.
    if (isUnusable(error)) return undefined;
    throw error;
  }
  if (!served) return undefined;
  return {
    uri: endpointUri(served.port, options.roleId),
    token: new Secret(token),
    revoke: async () => {
      await stateFile.update((current) => dropGrants(current, (g) => g.id === id), durability);
    },
  };
}

/**
 * An exec grant as a file of its own (grant-files.ts), when the refresher
 * holding the lock says in its `endpoint` record that it reads them; else
 * undefined, and openGrant writes the grant into state.json (an older
 * refresher, a damaged file, no grants folder). state.json is read without the
 * lock: every writer replaces it by rename, so the read sees a whole file.
 * A grant with an MFA code goes through state.json, where the refresher's
 * sealing key is.
 */
function openGrantFile(
  configDir: string,
  holderPid: number,
  options: OpenGrantOptions,
): GrantHandle | undefined {
  let served: EndpointRecord | undefined;
  try {
    const path = join(configDir, STATE_FILE_NAME);
    served = parseState(readRegularFileSync(path).toString('utf8'), path).endpoint;
  } catch {
    return undefined;
  }
  if (served?.pid !== holderPid || served.grantFiles !== true) return undefined;
  const token = newGrantToken();
  const grant: GrantRecord = {
    id: randomUUID(),
    roleId: options.roleId,
    kind: 'exec',
    tokenSha256: tokenSha256(token),
    ...(options.pid !== undefined ? { pid: options.pid } : {}),
    createdAt: Date.now(),
  };
  let file: string;
  try {
    file = writeGrantFile(grantsDir(configDir), grant);
  } catch {
    return undefined;
  }
  return {
    uri: endpointUri(served.port, options.roleId),
    token: new Secret(token),
    revoke: async () => removeGrantFileSync(file),
  };
}

/** Which grants `switchyard endpoint --revoke` takes back: one role's, or every one. */
export type RevokeScope = { readonly roleId: string } | 'all';

/**
 * Removes `endpoint` grants (exec grants die with their process). Returns how
 * many went. Works with or without a running refresher.
 */
export async function revokeEndpointGrants(
  scope: RevokeScope,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const stateFile: StateFile = openStateFile({ configDir: catalogDir(env) });
  let removed = 0;
  await stateFile.update((current) => {
    const next = dropGrants(
      current,
      (g) => g.kind === 'endpoint' && (scope === 'all' || g.roleId === scope.roleId),
    );
    removed = (current.grants?.length ?? 0) - (next.grants?.length ?? 0);
    return next;
  });
  return removed;
}

/** The live holder of the refresher lock when it is a refresher (a one-shot command never serves). */
function servingRefresher(
  configDir: string,
): { pid: number; startedAt: number; kind: 'app' | 'daemon' } | undefined {
  const seen = readLockFile(refresherLockPath(configDir));
  const owner = seen?.owner;
  if (!seen || !owner || (owner.kind !== 'app' && owner.kind !== 'daemon')) return undefined;
  if (!lockHolderAlive(seen)) return undefined;
  return { pid: owner.pid, startedAt: owner.startedAt, kind: owner.kind };
}

function isUnusable(error: unknown): boolean {
  return (
    isCorruptStateFile(error) ||
    (error instanceof StateFileError && error.kind === 'unsupported-version')
  );
}
