import { requireRole } from '../../../core/catalog/find-role';
import { expectPositionals, parseCommandArgs } from '../../args';
import { currentRoles, withCatalog } from './catalog-access';
import { describeRole } from './describe-role';
import { writeJson, writeLines } from './write-output';

export async function rolesRemoveCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('roles remove', argv, {
    json: { type: 'boolean' },
  });
  const [name = ''] = expectPositionals('roles remove', positionals, ['id|label']);
  // With no catalog file yet this fails without creating one.
  const target = requireRole(currentRoles(), name);
  const role = withCatalog((store) => store.remove(target.id));
  if (values.json === true) {
    writeJson(role);
    return;
  }
  writeLines(`removed ${describeRole(role)}`);
}
