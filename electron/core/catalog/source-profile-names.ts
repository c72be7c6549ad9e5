import type { SourceProfileView } from '../../../shared/ipc-contract';
import { resolveCredentialsPaths } from '../credentials/credentials-paths';
import { readCredentialsDocument } from '../credentials/profile-session';
import { readAwsConfig } from './aws-config-file';
import { readConfigProfiles } from './config-role-profiles';

/**
 * The profiles a new role could be assumed from, for the Add form's
 * suggestions: every profile of ~/.aws/credentials and ~/.aws/config, except
 * the ones catalog roles write (those are chained as "Another role"). Best
 * effort: a file that is missing or unreadable suggests nothing, never fails.
 */
export async function sourceProfileNames(
  env: NodeJS.ProcessEnv,
  catalogTargets: ReadonlySet<string>,
): Promise<SourceProfileView[]> {
  const found = new Map<string, { credentials: boolean; config: boolean }>();
  const note = (name: string, file: 'credentials' | 'config') => {
    if (catalogTargets.has(name)) return;
    const entry = found.get(name) ?? { credentials: false, config: false };
    entry[file] = true;
    found.set(name, entry);
  };
  const credentials = await readCredentialsDocument(resolveCredentialsPaths(env).credentialsPath);
  for (const section of credentials?.sections ?? []) note(section.name, 'credentials');
  try {
    for (const name of readConfigProfiles(readAwsConfig(env).text).keys()) note(name, 'config');
  } catch {
    // An unreadable config: the form still takes a name typed by hand.
  }
  return [...found]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, where]) => ({
      name,
      where:
        where.credentials && where.config ? 'both' : where.credentials ? 'credentials' : 'config',
    }));
}
