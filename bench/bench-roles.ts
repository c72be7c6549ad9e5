import { CatalogStore } from '../electron/core/catalog/catalog-store';
import { newRoleId } from '../electron/core/catalog/role-id';
import type { RoleEntry } from '../shared/model';

/** Writes `count` roles (source: the [source] profile) into the catalog in one change; returns their ids. */
export function seedCatalog(configDir: string, count: number): string[] {
  const taken = new Set<string>();
  const roles: RoleEntry[] = [];
  for (let i = 0; i < count; i++) {
    const id = newRoleId(taken);
    taken.add(id);
    const n = String(i).padStart(5, '0');
    roles.push({
      id,
      label: `Bench ${n}`,
      roleArn: `arn:aws:iam::${String(100000000000 + (i % 80)).padStart(12, '0')}:role/Bench${n}`,
      profile: `bench-${n}`,
      source: { kind: 'profile', profile: 'source' },
      tags: [],
    });
  }
  const catalog = CatalogStore.open({ dir: configDir });
  try {
    catalog.upsertMany(roles);
  } finally {
    catalog.close();
  }
  return roles.map((r) => r.id);
}
