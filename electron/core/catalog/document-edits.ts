import { checkAccelerator } from '../../../shared/accelerator';
import { inputError } from '../../../shared/check-text';
import type { RoleEntry, Settings } from '../../../shared/model';
import type { CatalogDocument } from './catalog-document';
import { checkRoleEntry } from './check-role';
import { checkSettings } from './check-settings';
import { requireRole } from './find-role';
import { isObject } from './is-object';
import { checkRolePlacement, dependentsOf } from './role-graph';
import { newRoleId } from './role-id';
import { applyRolePatch, type RoleInput, type RolePatch } from './role-input';
import { checkSubscribedEdit, checkSubscribedRemove } from './subscribed-role-rules';
import { describeRole } from './upsert-roles';

/** A copy of the document that one edit changes before CatalogStore writes it. */
export type MutableDocument = { -readonly [K in keyof CatalogDocument]: CatalogDocument[K] };

/*
 * The catalog's edits of one document. Each checks what it is given against
 * the document as it is now and throws an InputError before changing anything,
 * so a refused edit writes nothing.
 */

/** Checks and adds a role under a new id. */
export function addRole(doc: MutableDocument, input: RoleInput): RoleEntry {
  if (!isObject(input))
    throw inputError('role', 'must be an object', "give the role's fields as an object");
  if ('id' in input) throw inputError('id', 'is chosen by Switchyard', 'leave it out');
  const entry = checkRoleEntry({
    ...input,
    id: newRoleId(new Set(doc.roles.map((role) => role.id))),
  });
  checkSubscribedEdit(undefined, entry);
  checkRolePlacement(entry, doc.roles);
  doc.roles = [...doc.roles, entry];
  return entry;
}

/** Changes some fields of a role (see RolePatch); the id never changes. */
export function updateRole(doc: MutableDocument, idOrLabel: string, patch: RolePatch): RoleEntry {
  const current = requireRole(doc.roles, idOrLabel);
  const entry = checkRoleEntry(applyRolePatch(current, patch));
  checkSubscribedEdit(current, entry);
  const others = doc.roles.filter((role) => role.id !== current.id);
  checkRolePlacement(entry, others);
  doc.roles = doc.roles.map((role) => (role.id === current.id ? entry : role));
  return entry;
}

/** Removes a role; refused while other roles chain from it. */
export function removeRole(doc: MutableDocument, idOrLabel: string): RoleEntry {
  const role = requireRole(doc.roles, idOrLabel);
  checkSubscribedRemove(role);
  const dependents = dependentsOf(doc.roles, role.id);
  if (dependents.length > 0) {
    throw inputError(
      'role',
      `${describeRole(role)} is the source of ${dependents.map(describeRole).join(', ')}`,
      'give those roles another source, or remove them first',
    );
  }
  doc.roles = doc.roles.filter((other) => other.id !== role.id);
  if (doc.defaultRoleId === role.id) delete doc.defaultRoleId;
  return role;
}

/** Changes some settings; unknown names and bad values are InputErrors (field `settings.<name>`). */
export function changeSettings(doc: MutableDocument, patch: Partial<Settings>): Settings {
  if (!isObject(patch))
    throw inputError(
      'settings',
      'changes must be an object',
      'give the settings to change as an object',
    );
  const settings = checkSettings(patch, doc.settings);
  // A new shortcut must parse as Electron's accelerators do; one saved before is left to the shell.
  if (patch.shortcut !== undefined) checkAccelerator(settings.shortcut, 'settings.shortcut');
  doc.settings = settings;
  return doc.settings;
}

/** Makes a role (by id or label) the default, or clears the default with undefined. */
export function setDefaultRole(
  doc: MutableDocument,
  idOrLabel: string | undefined,
): RoleEntry | undefined {
  if (idOrLabel === undefined) {
    delete doc.defaultRoleId;
    return undefined;
  }
  const role = requireRole(doc.roles, idOrLabel);
  doc.defaultRoleId = role.id;
  return role;
}
