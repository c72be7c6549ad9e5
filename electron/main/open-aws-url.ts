import { shell } from 'electron';

import { parseAwsConsoleOrSigninUrl } from '../../shared/partitions';
import { startLoopbackRedirect } from '../core/console/loopback-redirect';

/**
 * shell.openExternal, allowed only for https pages on the AWS sign-in and
 * console hosts of the three partitions (Electron's security checklist, item
 * "do not use shell.openExternal with untrusted content"). The URL is parsed and
 * its host matched, so lookalikes such as signin.aws.amazon.com.evil.example are
 * refused; what is opened is the parsed, normalized href.
 *
 * openExternal hands the URL to the OS (xdg-open on Linux) and on to the
 * browser as a command-line argument, which every local user can read. A
 * federated sign-in link carries a SigninToken that signs in whoever has it,
 * so the OS gets a one-time loopback redirect to it instead.
 */
export async function openAwsUrl(url: string): Promise<void> {
  const parsed = parseAwsConsoleOrSigninUrl(url);
  if (!parsed) {
    // Never echo the URL: a federated sign-in link carries a sign-in token.
    throw new Error('Refusing to open a link that is not an AWS sign-in or console page');
  }
  if (!parsed.searchParams.has('SigninToken')) {
    await shell.openExternal(parsed.href);
    return;
  }
  const redirect = await startLoopbackRedirect(parsed.href);
  try {
    await shell.openExternal(redirect.url);
  } catch (error) {
    redirect.close();
    throw error;
  }
}
