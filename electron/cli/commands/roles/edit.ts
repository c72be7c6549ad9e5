import { isDeepStrictEqual } from 'node:util';
import { InputError } from '../../../../shared/input-error';
import { requireRole } from '../../../core/catalog/find-role';
import type { RolePatch } from '../../../core/catalog/role-input';
import { expectPositionals, parseCommandArgs } from '../../args';
import { currentRoles, withCatalog } from './catalog-access';
import { clearPatch, readClearNames, SETTING_OPTIONS } from './clear-fields';
import { describeRole } from './describe-role';
import { optionalStrings, readRoleFlags, ROLE_FLAG_OPTIONS } from './role-flags';
import { resolveSource } from './resolve-source';
import { writeJson, writeLines } from './write-output';

export async function rolesEditCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('roles edit', argv, {
    ...ROLE_FLAG_OPTIONS,
    clear: { type: 'string', multiple: true },
  });
  const [name = ''] = expectPositionals('roles edit', positionals, ['id|label']);
  const { source, ...fields } = readRoleFlags(values);
  const cleared = readClearNames(optionalStrings(values, 'clear') ?? []);
  for (const clear of cleared) {
    const both = SETTING_OPTIONS[clear].find((option) => values[option] !== undefined);
    if (both !== undefined) {
      throw new InputError(
        '--clear',
        `--clear ${clear} and --${both} contradict each other; give one of them`,
      );
    }
  }
  const given = Object.values(fields).some((value) => value !== undefined);
  if (!given && source === undefined && cleared.length === 0) {
    throw new InputError(
      'arguments',
      'nothing to change; give the options to set or --clear; run `switchyard roles edit --help`',
    );
  }

  // Found without opening the store, so a refused edit never creates a catalog file.
  const roles = currentRoles();
  const before = requireRole(roles, name);
  const patch: RolePatch = {
    ...fields,
    ...(source ? { source: resolveSource(source, roles) } : {}),
    ...clearPatch(cleared),
  };
  // By id: the label may be the very thing this edit changes.
  const after = withCatalog((store) => store.update(before.id, patch));
  if (values.json === true) {
    writeJson(after);
    return;
  }
  writeLines(
    isDeepStrictEqual(before, after)
      ? `${describeRole(after)} already had those values; nothing changed`
      : `updated ${describeRole(after)}`,
  );
}
