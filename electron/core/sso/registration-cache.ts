import { join } from 'node:path';
import { Secret } from '../secret';
import { writeFileAtomic } from '../fs/atomic-write';
import { checkedCacheFolder, ssoCacheDir } from './cache-folder';
import { formatCacheTime, parseCacheTime } from './cache-time';
import { registrationUsable, type OidcRegistration } from './oidc-register';
import { readTokenText, sha1Hex } from './token-cache';

/** What a client registration is for: one is reused only for the same portal, scopes and flow. */
export interface RegistrationKey {
  readonly startUrl: string;
  readonly region: string;
  readonly scopes: readonly string[];
  /** Device registrations carry no redirect URI; PKCE ones do: they are not interchangeable. */
  readonly flow: 'device' | 'pkce';
}

/**
 * The OIDC client registration, cached until its clientSecretExpiresAt (90
 * days at AWS) so each sign-in does not register a new client, as the AWS CLI
 * keeps its own. It sits beside the tokens in `~/.aws/sso/cache` (0600, the
 * folder checked the same way), under a name of its own, so no other tool
 * mistakes it for a token. A file that cannot be read is simply not reused.
 */
function registrationPath(folder: string, key: RegistrationKey): string {
  const id = JSON.stringify({
    tool: 'switchyard',
    startUrl: key.startUrl,
    region: key.region,
    scopes: [...key.scopes].sort(),
    flow: key.flow,
  });
  return join(folder, `${sha1Hex(id)}.json`);
}

export async function readCachedRegistration(
  key: RegistrationKey,
  homeDir: string,
  now = Date.now(),
): Promise<OidcRegistration | undefined> {
  const folder = await checkedCacheFolder(ssoCacheDir(homeDir), homeDir, false).catch(
    () => undefined,
  );
  if (folder === undefined) return undefined;
  const read = await readTokenText(registrationPath(folder, key));
  if (!('text' in read)) return undefined;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(read.text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const expires = parseCacheTime(data.expiresAt);
  if (typeof data.clientId !== 'string' || typeof data.clientSecret !== 'string') return undefined;
  if (!('ms' in expires)) return undefined;
  const registration = {
    clientId: data.clientId,
    clientSecret: new Secret(data.clientSecret),
    expiresAt: expires.ms,
  };
  return registrationUsable(registration, now) ? registration : undefined;
}

export async function writeCachedRegistration(
  key: RegistrationKey,
  registration: OidcRegistration,
  homeDir: string,
): Promise<void> {
  const folder = (await checkedCacheFolder(ssoCacheDir(homeDir), homeDir, true)) as string;
  const text = JSON.stringify({
    clientId: registration.clientId,
    clientSecret: registration.clientSecret.reveal(),
    expiresAt: formatCacheTime(registration.expiresAt),
    scopes: [...key.scopes],
    flow: key.flow,
  });
  await writeFileAtomic(registrationPath(folder, key), text, { mode: 0o600 });
}
