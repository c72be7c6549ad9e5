import { parseRoleArn } from '../../../../shared/role-arn';
import type { RoleEntry } from '../../../../shared/model';
import { expectPositionals, parseCommandArgs } from '../../args';
import { catalogPath, currentRoles } from './catalog-access';
import { describeSource } from './describe-role';
import { formatTable } from './text-table';
import { writeJson, writeLines } from './write-output';

/** "ops/admin" for arn:…:role/ops/admin: the path tells apart roles of the same name. */
function roleName(role: RoleEntry): string {
  const arn = parseRoleArn(role.roleArn);
  return `${arn.path.slice(1)}${arn.roleName}`;
}

export async function rolesListCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('roles list', argv, {
    json: { type: 'boolean' },
  });
  expectPositionals('roles list', positionals, []);
  const roles = currentRoles();
  if (values.json === true) {
    writeJson(roles);
    return;
  }
  if (roles.length === 0) {
    writeLines(
      `no roles in ${catalogPath()}; add one with \`switchyard roles add\` or \`switchyard roles import\``,
    );
    return;
  }
  // The team catalog column appears only once a subscription brought roles.
  const subscribed = roles.some((role) => role.subscription !== undefined);
  const rows = roles.map((role) => [
    role.id,
    role.label,
    parseRoleArn(role.roleArn).accountId,
    roleName(role),
    role.profile,
    describeSource(role, roles),
    ...(subscribed ? [role.subscription ?? '-'] : []),
  ]);
  const head = ['ID', 'LABEL', 'ACCOUNT', 'ROLE', 'PROFILE', 'SOURCE'];
  process.stdout.write(formatTable([subscribed ? [...head, 'CATALOG'] : head, ...rows]));
}
