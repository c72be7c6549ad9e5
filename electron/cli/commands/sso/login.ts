import { InputError } from '../../../../shared/input-error';
import { catalogDir } from '../../../core/catalog/catalog-paths';
import { auditCaller } from '../../../core/audit/audit-caller';
import { auditTo } from '../../../core/audit/role-event';
import { checkStartUrl } from '../../../../shared/validate-sso';
import { findOrAddSession } from '../../../core/sso/choose-sso-session';
import type { DevicePrompt } from '../../../core/sso/oidc-device';
import type { SsoSessionConfig } from '../../../core/sso/sso-config';
import { signInToSession } from '../../../core/sso/sso-sign-in';
import { expiryPhrase } from '../../expiry-text';
import { optionalString, parseCommandArgs } from '../../args';
import { catalogFileExists } from '../../../core/catalog/catalog-exists';
import { catalogPath } from '../roles/catalog-access';
import { openCliEngine } from '../sessions/engine';
import { chooseSession, describeSession, ssoCa, ssoPaths } from './choose-session';

const OPTIONS = {
  region: { type: 'string' },
  'session-name': { type: 'string' },
  session: { type: 'string' },
  'no-browser': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/**
 * `switchyard sso login <start-url> --region R [--session-name NAME]` adds the
 * `[sso-session]` if no session has that start URL, then signs in;
 * `switchyard sso login [--session NAME]` signs in to one the config names.
 * Every argument is checked before any file is touched.
 */
export async function ssoLoginCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('sso login', argv, OPTIONS);
  if (positionals.length > 1) {
    throw new InputError(
      'arguments',
      `sso login: one start URL at most; run \`switchyard sso login --help\``,
    );
  }
  const { configPath, homeDir } = ssoPaths();
  const session = await sessionToSignIn(configPath, positionals[0], values);
  const json = values.json === true;
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  let result;
  try {
    const ca = await ssoCa();
    result = await signInToSession({
      session,
      flow: values['no-browser'] === true ? 'device' : 'pkce',
      onDevicePrompt: (prompt) => process.stderr.write(devicePromptText(prompt)),
      onFallback: (reason) => process.stderr.write(`switchyard: ${reason}\n`),
      onWaitingForBrowser: () =>
        process.stderr.write('Waiting for the sign-in in the browser… (Ctrl-C cancels)\n'),
      signal: controller.signal,
      homeDir,
      audit: auditTo(catalogDir(), auditCaller(), (message) =>
        process.stderr.write(`switchyard: warning: ${message}\n`),
      ),
      ...(ca ? { ca } : {}),
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  const resumed = await resumeWaitingRoles(session.name);
  const remaining = result.expiresAt - Date.now();
  if (json) {
    const out = {
      session: session.name,
      startUrl: session.startUrl,
      region: session.region,
      flow: result.flow,
      expiresAt: new Date(result.expiresAt).toISOString(),
      resumedRoles: resumed,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  process.stderr.write(
    `Signed in to ${describeSession(session)}; the token ${expiryPhrase(remaining)} and is renewed on its own while it can be.${resumed > 0 ? ` ${resumed} waiting role${resumed === 1 ? '' : 's'} resumed.` : ''}\n`,
  );
}

async function sessionToSignIn(
  configPath: string,
  startUrlArg: string | undefined,
  values: Record<string, string | boolean | undefined>,
): Promise<SsoSessionConfig> {
  const name = optionalString(values, 'session-name');
  const chosen = optionalString(values, 'session');
  const regionArg = optionalString(values, 'region');
  if (startUrlArg === undefined) {
    if (name !== undefined || regionArg !== undefined) {
      throw new InputError(
        'arguments',
        'sso login: --region and --session-name go with a start URL; use --session NAME for a session the config names',
      );
    }
    return chooseSession(configPath, chosen, 'login');
  }
  if (chosen !== undefined) {
    throw new InputError('arguments', 'sso login: give a start URL or --session, not both');
  }
  if (regionArg === undefined) {
    checkStartUrl(startUrlArg);
    throw new InputError(
      '--region',
      `--region: missing; name the Identity Center's region, e.g. --region us-east-1`,
    );
  }
  const { session, added } = await findOrAddSession(
    configPath,
    { startUrl: startUrlArg, region: regionArg, ...(name !== undefined ? { name } : {}) },
    { region: '--region', name: '--session-name' },
  );
  if (added) {
    process.stderr.write(`switchyard: added [sso-session ${session.name}] to ${configPath}\n`);
  }
  return session;
}

function devicePromptText(prompt: DevicePrompt): string {
  return [
    'To sign in, open this page and approve the request:',
    `  ${prompt.verificationUriComplete}`,
    `and check that it shows the code ${prompt.userCode}`,
    `(or open ${prompt.verificationUri} and type the code). Waiting…`,
    '',
  ].join('\n');
}

/**
 * Roles of the session that waited for a sign-in resume now: through the
 * running refresher if there is one, else in this process. A catalog problem
 * does not undo the sign-in: it is one warning line.
 */
async function resumeWaitingRoles(session: string): Promise<number> {
  // No catalog: no role can wait, and a sign-in must not create one.
  if (!catalogFileExists(catalogPath())) return 0;
  try {
    const engine = await openCliEngine();
    try {
      return await engine.signedIn(session);
    } finally {
      await engine.stop();
    }
  } catch (error) {
    const line = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`switchyard: signed in, but waiting roles were not resumed: ${line}\n`);
    return 0;
  }
}
