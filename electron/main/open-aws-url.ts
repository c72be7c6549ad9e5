import { shell } from 'electron';

import { parseAwsConsoleOrSigninUrl } from '../../shared/partitions';

/**
 * shell.openExternal, allowed only for https pages on the AWS sign-in and
 * console hosts of the three partitions (Electron's security checklist, item
 * "do not use shell.openExternal with untrusted content"). The URL is parsed and
 * its host matched, so lookalikes such as signin.aws.amazon.com.evil.example are
 * refused; what is opened is the parsed, normalized href.
 */
export async function openAwsUrl(url: string): Promise<void> {
  const parsed = parseAwsConsoleOrSigninUrl(url);
  if (!parsed) {
    // Never echo the URL: a federated sign-in link carries a sign-in token.
    throw new Error('Refusing to open a link that is not an AWS sign-in or console page');
  }
  await shell.openExternal(parsed.href);
}
