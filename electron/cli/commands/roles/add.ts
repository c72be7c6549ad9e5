import { InputError } from '../../../../shared/input-error';
import type { RoleInput } from '../../../core/catalog/role-input';
import { expectPositionals, parseCommandArgs } from '../../args';
import { currentRoles, withCatalog } from './catalog-access';
import { describeRole } from './describe-role';
import { readRoleFlags, ROLE_FLAG_OPTIONS } from './role-flags';
import { resolveSource } from './resolve-source';
import { writeJson, writeLines } from './write-output';

const REQUIRED = ['label', 'role-arn', 'profile'] as const;

export async function rolesAddCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('roles add', argv, ROLE_FLAG_OPTIONS);
  expectPositionals('roles add', positionals, []);
  const missing = REQUIRED.filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    throw new InputError(
      `--${missing[0] ?? ''}`,
      `missing ${missing.map((name) => `--${name}`).join(', ')}; run \`switchyard roles add --help\``,
    );
  }
  const { label, roleArn, profile, source, ...optional } = readRoleFlags(values);
  if (source?.kind === 'profile' && source.profile === profile) {
    throw new InputError(
      '--source-profile',
      '--source-profile: cannot be the profile this role writes its own session to; pick another --profile',
    );
  }
  // Looked up without opening the store, so a refused add leaves no new catalog file behind.
  const roles = currentRoles();
  const input: RoleInput = {
    ...optional,
    label: label as string,
    roleArn: roleArn as string,
    profile: profile as string,
    // No source flag: the SDK's default chain, as `switchyard assume` uses.
    source: source ? resolveSource(source, roles) : { kind: 'default' },
  };
  const role = withCatalog((store) => store.add(input));
  if (values.json === true) {
    writeJson(role);
    return;
  }
  writeLines(`added ${describeRole(role)}, writing profile ${role.profile}`);
}
