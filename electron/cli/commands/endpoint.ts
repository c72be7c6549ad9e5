import { InputError } from '../../../shared/input-error';
import { openGrant, revokeEndpointGrants } from '../../core/endpoint/grant-client';
import { parseCommandArgs } from '../args';
import { roleEvent } from '../../core/audit/role-event';
import { cliAudit } from '../cli-audit';
import { withCatalog } from './roles/catalog-access';

// No engine and no AWS SDK here: a grant is one locked write of state.json.

/**
 * `switchyard endpoint <id|label> [--json]`: a lasting grant on the running
 * refresher's local credential endpoint, printed as the two variables a
 * long-running process needs (an env-file line each, or JSON).
 * `switchyard endpoint --revoke <id|label>|--all` takes such grants back.
 */
export async function endpointCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('endpoint', argv, {
    json: { type: 'boolean' },
    revoke: { type: 'boolean' },
    all: { type: 'boolean' },
  });
  if (values.all && !values.revoke) {
    throw new InputError('arguments', '--all goes with --revoke; run `switchyard endpoint --help`');
  }
  if (positionals.length > 1 || (values.all && positionals.length > 0)) {
    const extra = positionals.slice(values.all ? 0 : 1).join(' ');
    throw new InputError(
      'arguments',
      `unexpected argument ${JSON.stringify(extra)}; run \`switchyard endpoint --help\``,
    );
  }
  const name = positionals[0];
  if (values.revoke) {
    if (!values.all && name === undefined) {
      throw new InputError(
        'arguments',
        'name a role or give --all; run `switchyard endpoint --help`',
      );
    }
    const scope = values.all ? 'all' : { roleId: roleIdOf(name!) };
    const removed = await revokeEndpointGrants(scope);
    if (values.json) process.stdout.write(`${JSON.stringify({ revoked: removed })}\n`);
    else process.stderr.write(`switchyard: revoked ${removed} endpoint grant(s)\n`);
    return;
  }
  if (name === undefined) {
    throw new InputError('arguments', 'missing <id|label>; run `switchyard endpoint --help`');
  }
  const role = withCatalog((store) => store.get(name));
  const grant = await openGrant({ roleId: role.id, kind: 'endpoint' });
  if (!grant) {
    throw new Error(
      'no refresher serves the credential endpoint; start the tray app or `switchyard daemon` and run this again',
    );
  }
  cliAudit()(roleEvent('endpoint-grant', 'ok', role));
  const variables = {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: grant.uri,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: grant.token.reveal(),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(variables)}\n`);
    return;
  }
  // KEY=value lines: a docker --env-file reads them as they are (no quotes; neither value needs any).
  for (const [key, value] of Object.entries(variables)) process.stdout.write(`${key}=${value}\n`);
  if (process.stdout.isTTY) {
    process.stderr.write(
      `switchyard: this grant lasts until \`switchyard endpoint --revoke ${name}\`\n`,
    );
  }
}

function roleIdOf(name: string): string {
  return withCatalog((store) => store.get(name)).id;
}
