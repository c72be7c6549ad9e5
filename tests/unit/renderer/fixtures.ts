import {
  DEFAULT_SETTINGS,
  type RoleEntry,
  type RoleView,
  type Snapshot,
} from '../../../shared/model';

export function role(id: string, extra: Partial<RoleEntry> = {}): RoleEntry {
  return {
    id,
    label: id,
    roleArn: `arn:aws:iam::210987654321:role/${id}`,
    profile: id,
    source: { kind: 'profile', profile: 'source' },
    tags: [],
    ...extra,
  };
}

export function view(entry: RoleEntry, extra: Partial<RoleView> = {}): RoleView {
  return { role: entry, state: 'inactive', isDefault: false, chained: false, ...extra };
}

export function snapshot(roles: RoleView[], extra: Partial<Snapshot> = {}): Snapshot {
  return {
    roles,
    mfaPrompts: [],
    signInPrompts: [],
    settings: DEFAULT_SETTINGS,
    refresher: { active: true },
    ...extra,
  };
}
