import { expectPositionals, parseCommandArgs } from '../../args';
import { ssoSessionStatuses, type SsoSessionStatus } from '../../../core/sso/sso-session-status';
import { expiryText } from '../../expiry-text';
import { formatTable } from '../roles/text-table';
import { ssoPaths } from './choose-session';

/** `switchyard sso sessions [--json]`: every [sso-session] and whether it is signed in. */
export async function ssoSessionsCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('sso sessions', argv, {
    json: { type: 'boolean' },
  });
  expectPositionals('sso sessions', positionals, []);
  const { configPath, homeDir } = ssoPaths();
  const now = Date.now();
  const statuses = await ssoSessionStatuses(configPath, homeDir, now);
  if (values.json === true) {
    process.stdout.write(`${JSON.stringify(statuses.map((s) => record(s)))}\n`);
    return;
  }
  if (statuses.length === 0) {
    process.stdout.write(
      `No [sso-session] in ${configPath}; sign in with \`switchyard sso login <start-url> --region <region>\`\n`,
    );
    return;
  }
  const rows = statuses.map((s) => [s.name, s.startUrl, s.region, signedInText(s, now)]);
  process.stdout.write(formatTable([['SESSION', 'START URL', 'REGION', 'SIGNED IN'], ...rows]));
}

function signedInText(status: SsoSessionStatus, now: number): string {
  if (!status.signedIn) return `no (${status.reason ?? 'not signed in'})`;
  if (status.expiresAt === undefined) return 'yes';
  const left = status.expiresAt - now;
  if (left <= 0) return 'yes (the token is renewed at next use)';
  return `yes, token ${expiryText(left)}${status.refreshable ? ', renewable' : ''}`;
}

function record(status: SsoSessionStatus): Record<string, unknown> {
  return {
    name: status.name,
    startUrl: status.startUrl,
    region: status.region,
    signedIn: status.signedIn,
    refreshable: status.refreshable,
    ...(status.expiresAt !== undefined
      ? { expiresAt: new Date(status.expiresAt).toISOString() }
      : {}),
    ...(status.reason !== undefined ? { reason: status.reason } : {}),
  };
}
