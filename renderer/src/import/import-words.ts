import type { ConfigImportPreview } from '../../../shared/ipc-contract';

/** The config profiles the import offers (to add or update), in the preview's order. */
export function offeredProfiles(preview: ConfigImportPreview): string[] {
  return [...preview.toAdd, ...preview.toUpdate.map((update) => update.after)].map(
    (role) => role.importedFrom ?? role.label,
  );
}

/** "1 role", "3 roles". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "12 role profiles and 1 SSO session": what a config file holds, for the first-run screen. */
export function foundText(found: ConfigImportPreview['found']): string {
  const parts = [
    found.roleProfiles > 0 ? plural(found.roleProfiles, 'role profile') : undefined,
    found.ssoProfiles > 0 ? plural(found.ssoProfiles, 'Identity Center role') : undefined,
    found.ssoSessions > 0 ? plural(found.ssoSessions, 'SSO session') : undefined,
  ].filter((part): part is string => part !== undefined);
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
