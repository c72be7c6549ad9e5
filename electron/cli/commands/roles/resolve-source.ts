import type { RoleEntry, RoleSource } from '../../../../shared/model';
import { requireRole } from '../../../core/catalog/find-role';
import type { SourceFlag } from './role-flags';

/**
 * The catalog source for a source flag: `--source-role` takes an id or a
 * label, the catalog stores the id. Whether the chain is allowed (no loop, the
 * 1-hour cap) is the catalog's own check when the role is written.
 */
export function resolveSource(flag: SourceFlag, roles: readonly RoleEntry[]): RoleSource {
  if (flag.kind !== 'role') return flag;
  return { kind: 'role', roleId: requireRole(roles, flag.ref, '--source-role').id };
}
