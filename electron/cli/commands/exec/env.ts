import { InputError } from '../../../../shared/input-error';
import {
  childEnvironmentChanges,
  clearedEnvironmentChanges,
} from '../../../core/endpoint/child-environment';
import { expectPositionals, optionalString, parseCommandArgs } from '../../args';
import { credentialProcessJson } from '../../credential-process-json';
import { guessShell } from './guess-shell';
import { catalogRole, roleKeys } from './role-credentials';
import { checkShell, shellLines } from './shell-lines';

/**
 * `switchyard env <id|label> [--shell S] [--unset] [--json]`: the lines that
 * give the current shell the role (or take it away). Always keys, never the
 * endpoint: the lines outlive this command, and a grant would outlive them.
 */
export async function envCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('env', argv, {
    shell: { type: 'string' },
    unset: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [name = ''] = expectPositionals('env', positionals, ['id|label']);
  const shellText = optionalString(values, 'shell');
  const json = values.json === true;
  if (json && (values.unset === true || shellText !== undefined)) {
    throw new InputError(
      '--json',
      '--json prints the credential_process object; drop --shell and --unset',
    );
  }
  const shell = shellText === undefined ? guessShell() : checkShell(shellText);
  const role = catalogRole(name);
  const view = { label: role.label, ...(role.region !== undefined ? { region: role.region } : {}) };
  if (values.unset === true) {
    process.stdout.write(shellLines(shell, clearedEnvironmentChanges(view)));
    return;
  }
  const credentials = await roleKeys(role, { command: 'env' });
  process.stdout.write(
    json
      ? credentialProcessJson(credentials)
      : shellLines(shell, childEnvironmentChanges(view, { kind: 'keys', credentials })),
  );
}
