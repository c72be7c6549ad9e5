import type { RoleEntry } from '../../../shared/model';

const NAMES: Readonly<Record<keyof RoleEntry, string>> = {
  id: 'id',
  label: 'label',
  roleArn: 'role ARN',
  profile: 'profile',
  source: 'source',
  externalId: 'external ID',
  sessionName: 'session name',
  durationSeconds: 'duration',
  region: 'region',
  mfaSerial: 'MFA serial',
  color: 'colour',
  group: 'group',
  tags: 'tags',
  importedFrom: 'imported from',
  notGrantedSince: 'no longer granted',
  subscription: 'team catalog',
  console: 'console browser',
};

/** What a re-import would change in a role, in words for the preview ("role ARN, region"). */
export function changedFields(before: RoleEntry, after: RoleEntry): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof RoleEntry>;
  return [...keys]
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => NAMES[key] ?? key);
}
