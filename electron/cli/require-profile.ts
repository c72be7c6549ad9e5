import { inputError } from '../../shared/check-text';
import { quoteValue } from '../../shared/quote-value';
import type { CredentialsPaths } from '../core/credentials/credentials-paths';
import { loadSharedConfig } from '../core/sts/sdk-shared-config';

const MAX_NAMED = 5;

/**
 * Refuses a profile the AWS SDK would not find in either file (read as the SDK
 * reads them), naming the files and the profiles that do exist: otherwise the
 * SDK's "Could not load credentials from any providers" is all the user sees.
 */
export async function requireProfile(
  paths: CredentialsPaths,
  profile: string,
  field: string,
): Promise<void> {
  let files = await loadSharedConfig(paths);
  if (files.configFile[profile] || files.credentialsFile[profile]) return;
  // Not there in one read: `aws configure set` may have just truncated the file
  // to rewrite it in place. Ask again with reads that wait such a rewrite out.
  // Loaded only on a miss: the common path of `assume` stays as light as it was.
  const { readStableBytes } = await import('../core/fs/stable-read');
  files = await loadSharedConfig(paths, (path) => readStableBytes(path));
  if (files.configFile[profile] || files.credentialsFile[profile]) return;
  const known = [
    ...new Set([
      ...Object.keys(files.credentialsFile),
      ...Object.keys(files.configFile).filter((name) => !/^(sso-session|services)\./.test(name)),
    ]),
  ];
  const some =
    known.length === 0
      ? 'neither file defines any profile'
      : `profiles there: ${known.slice(0, MAX_NAMED).join(', ')}${known.length > MAX_NAMED ? ', …' : ''}`;
  throw inputError(
    field,
    `no profile ${quoteValue(profile)} in ${paths.credentialsPath} or ${paths.configPath} (${some})`,
    `name an existing profile, or create it with \`aws configure --profile ${profile}\``,
  );
}
