import { InputError } from '../../../../shared/input-error';
import { checkMfaCode } from '../../../../shared/validate';
import { childEnvironment, type ChildCredentials } from '../../../core/endpoint/child-environment';
import type { GrantHandle } from '../../../core/endpoint/grant-client';
import { expectPositionals, optionalString, parseCommandArgs } from '../../args';
import { catalogRole, roleKeys } from './role-credentials';
import { runChild } from './run-child';
import { roleEvent } from '../../../core/audit/role-event';
import { cliAudit } from '../../cli-audit';

/** Splits `<options> -- <command> [args…]`; the command's own flags are never ours. */
function splitAtDashes(argv: readonly string[]): { own: string[]; command: string[] } {
  const at = argv.indexOf('--');
  if (at === -1 || at === argv.length - 1) {
    throw new InputError(
      'arguments',
      'missing `-- <command>`; e.g. `switchyard exec prod -- aws sts get-caller-identity`',
    );
  }
  return { own: argv.slice(0, at), command: argv.slice(at + 1) };
}

/** A shell already running as a role (SWITCHYARD_ROLE set) would mix two roles' variables. */
function refuseNesting(env: NodeJS.ProcessEnv, force: boolean): void {
  const active = env.SWITCHYARD_ROLE;
  if (active === undefined || active === '' || force) return;
  throw new InputError(
    'SWITCHYARD_ROLE',
    `already running as role ${JSON.stringify(active)} (SWITCHYARD_ROLE is set); exit that shell first, or pass --force to run inside it anyway`,
  );
}

async function endpointGrant(
  roleId: string,
  mfaCode: string | undefined,
): Promise<GrantHandle | undefined> {
  const { openGrant } = await import('../../../core/endpoint/grant-client');
  return openGrant({
    roleId,
    kind: 'exec',
    pid: process.pid,
    ...(mfaCode !== undefined ? { mfaCode } : {}),
  });
}

/**
 * `switchyard exec <id|label> [--mfa-code CODE] [--no-endpoint] [--force] -- <command> [args…]`:
 * runs the command with the role and nothing written to the credentials file.
 * Through the refresher's endpoint when one serves (the child's SDK refreshes
 * itself), else with keys; exits with the child's status.
 */
export async function execCommand(argv: readonly string[]): Promise<void> {
  const { own, command } = splitAtDashes(argv);
  const { values, positionals } = parseCommandArgs('exec', own, {
    'mfa-code': { type: 'string' },
    'no-endpoint': { type: 'boolean' },
    force: { type: 'boolean' },
  });
  const [name = ''] = expectPositionals('exec', positionals, ['id|label']);
  const mfaText = optionalString(values, 'mfa-code');
  const mfaCode = mfaText === undefined ? undefined : checkMfaCode(mfaText, '--mfa-code');
  refuseNesting(process.env, values.force === true);
  const role = catalogRole(name);

  const grant = values['no-endpoint'] === true ? undefined : await endpointGrant(role.id, mfaCode);
  if (grant) cliAudit()(roleEvent('endpoint-grant', 'ok', role));
  let outcome;
  try {
    const credentials: ChildCredentials = grant
      ? { kind: 'endpoint', uri: grant.uri, token: grant.token }
      : {
          kind: 'keys',
          credentials: await roleKeys(role, {
            command: 'exec',
            ...(mfaCode !== undefined ? { mfaCode } : {}),
          }),
        };
    const env = childEnvironment(
      process.env,
      { label: role.label, ...(role.region !== undefined ? { region: role.region } : {}) },
      credentials,
    );
    const [program = '', ...args] = command;
    outcome = await runChild(program, args, env);
  } finally {
    await grant?.revoke().catch((error: unknown) => {
      const why = error instanceof Error ? error.message : String(error);
      process.stderr.write(
        `switchyard: warning: could not revoke the exec grant (${why}); the refresher drops it once this process is gone\n`,
      );
    });
  }
  if (outcome.kind === 'exited') {
    process.exitCode = outcome.status;
    return;
  }
  process.stderr.write(`switchyard: ${outcome.message}\n`);
  process.exitCode = outcome.kind === 'not-found' ? 127 : 126;
}
