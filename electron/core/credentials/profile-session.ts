import { readRegularFile } from '../fs/regular-file';
import { Secret, type SessionCredentials } from '../secret';
import { indexSections, parseIni, sameKey, type IniDocument } from './ini-document';

/** The session keys a profile of a parsed credentials file holds, or undefined when one is missing. */
export function profileSession(
  doc: IniDocument,
  profile: string,
  expiresAt: number,
): SessionCredentials | undefined {
  const section = indexSections(doc).get(profile)?.[0];
  if (!section) return undefined;
  const value = (key: string): string | undefined =>
    section.entries.find((e) => sameKey(e.key, key))?.value || undefined;
  const accessKeyId = value('aws_access_key_id');
  const secretAccessKey = value('aws_secret_access_key');
  const sessionToken = value('aws_session_token');
  if (!accessKeyId || !secretAccessKey || !sessionToken) return undefined;
  return {
    accessKeyId: new Secret(accessKeyId),
    secretAccessKey: new Secret(secretAccessKey),
    sessionToken: new Secret(sessionToken),
    expiresAt,
  };
}

/**
 * The credentials file parsed, or undefined when it cannot be read (missing,
 * unreadable, not a regular file): the callers then ask STS instead. The read
 * never blocks (a FIFO here must not hang anyone; see regular-file.ts).
 */
export async function readCredentialsDocument(path: string): Promise<IniDocument | undefined> {
  try {
    return parseIni((await readRegularFile(path)).toString('utf8'));
  } catch {
    return undefined;
  }
}
