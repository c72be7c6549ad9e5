import type { RoleEntry } from '../../../shared/model';
import { profileSession, readCredentialsDocument } from '../credentials/profile-session';
import { listManagedProfiles } from '../credentials/profile-change-plan';
import type { SessionCredentials } from '../secret';
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
  const doc = await readCredentialsDocument(credentialsPath);
  if (!doc) return undefined;
  const managed = listManagedProfiles(doc).find((m) => m.profile === role.profile);
  if (managed?.roleArn !== role.roleArn || managed.expiresAt === undefined) return undefined;
  if (managed.expiresAt - now <= ISSUE_MIN_LIFE_MS) return undefined;
  return profileSession(doc, role.profile, managed.expiresAt);
}
