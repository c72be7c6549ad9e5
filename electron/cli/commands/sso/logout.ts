import { expectPositionals, optionalString, parseCommandArgs } from '../../args';
import { signOutOfSession } from '../../../core/sso/sso-logout';
import { chooseSession, describeSession, ssoCa, ssoPaths } from './choose-session';

/** `switchyard sso logout [--session NAME]`: revoke where the portal allows, delete the cached token. */
export async function ssoLogoutCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('sso logout', argv, {
    session: { type: 'string' },
  });
  expectPositionals('sso logout', positionals, []);
  const { configPath, homeDir } = ssoPaths();
  const session = await chooseSession(configPath, optionalString(values, 'session'), 'logout');
  const ca = await ssoCa();
  const result = await signOutOfSession(session, { homeDir, ...(ca ? { ca } : {}) });
  const what = result.revoked
    ? 'the portal ended the token'
    : `the token was not revoked: ${result.note ?? 'no token'}`;
  const file = result.deleted ? 'removed the cached token' : 'no cached token to remove';
  process.stderr.write(`Signed out of ${describeSession(session)}: ${what}; ${file}.\n`);
}
