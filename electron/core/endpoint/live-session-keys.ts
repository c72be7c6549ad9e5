import type { RoleEntry } from '../../../shared/model';
import { indexSections, parseIni, sameKey } from '../credentials/ini-document';
import { listManagedProfiles } from '../credentials/profile-change-plan';
import { readRegularFile } from '../fs/regular-file';
import { Secret, type SessionCredentials } from '../secret';
import { ISSUE_MIN_LIFE_MS } from '../session/issue-min-life';

/**
 * The role's live session straight from the credentials file, when the
 * refresher (or an earlier activate) wrote one for this role's ARN and it has
 * more than ISSUE_MIN_LIFE_MS left: what `issueCredentials` would hand out,
 * found without starting an engine, so `exec` and `env` on a live role load
 * no AWS SDK. Undefined means "ask the engine" (no file, no session, too old).
 */
export async function liveSessionKeys(
  role: RoleEntry,
  credentialsPath: string,
  now: number,
): Promise<SessionCredentials | undefined> {
  let text: string;
  try {
    text = (await readRegularFile(credentialsPath)).toString('utf8');
  } catch {
    return undefined;
  }
  const doc = parseIni(text);
  const managed = listManagedProfiles(doc).find((m) => m.profile === role.profile);
  if (managed?.roleArn !== role.roleArn || managed.expiresAt === undefined) return undefined;
  if (managed.expiresAt - now <= ISSUE_MIN_LIFE_MS) return undefined;
  const section = indexSections(doc).get(role.profile)?.[0];
  const value = (key: string): string | undefined =>
    section?.entries.find((e) => sameKey(e.key, key))?.value || undefined;
  const accessKeyId = value('aws_access_key_id');
  const secretAccessKey = value('aws_secret_access_key');
  const sessionToken = value('aws_session_token');
  if (!accessKeyId || !secretAccessKey || !sessionToken) return undefined;
  return {
    accessKeyId: new Secret(accessKeyId),
    secretAccessKey: new Secret(secretAccessKey),
    sessionToken: new Secret(sessionToken),
    expiresAt: managed.expiresAt,
  };
}
