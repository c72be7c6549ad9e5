/** DOM id of a role's option, for aria-activedescendant. Role ids are [a-z0-9_-], safe in ids. */
export function optionId(roleId: string): string {
  return `role-option-${roleId}`;
}
