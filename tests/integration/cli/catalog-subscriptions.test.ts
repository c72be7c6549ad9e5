import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import {
  catalogExport,
  startCatalogServer,
  teamRole,
  type CatalogServer,
} from '../../support/catalog-server';
import { USER_FILE, useSourceRoleHome } from '../../support/source-role-home';

const world = useSourceRoleHome();
const { cli } = world;
let server: CatalogServer;

beforeAll(async () => {
  server = await startCatalogServer();
});
afterAll(async () => {
  await server.close();
});

function roleIds(): string[] {
  const catalog = CatalogStore.open({ dir: world.home.switchyardConfigDir });
  try {
    return catalog.list().map((role) => role.id);
  } finally {
    catalog.close();
  }
}

describe('switchyard catalog', () => {
  it('removes an active subscribed role, and its profile, only after --yes', async () => {
    server.publish(catalogExport([teamRole('team-ops'), teamRole('team-audit')]));
    const subscribed = await cli(['catalog', 'subscribe', server.url, '--name', 'platform']);
    expect(subscribed.stderr).toBe('');
    expect(subscribed.stdout).toContain('platform: 2 new, 0 changed, 0 removed, 0 unchanged');
    expect((await cli(['activate', 'team-ops'])).code).toBe(0);
    expect(world.home.readCredentials()).toContain('[team-ops]');

    server.publish(catalogExport([teamRole('team-audit')]));
    const refused = await cli(['catalog', 'sync']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^switchyard: platform: 0 new, 0 changed, 1 removed, 1 unchanged; NOT applied: it removes or changes active roles "team ops" \(id team-ops\); run `switchyard catalog sync --name platform --yes` to apply\n$/,
    );
    expect(roleIds()).toContain('team-ops');
    expect(world.home.readCredentials()).toContain('[team-ops]');
    const listed = await cli(['catalog', 'subscriptions']);
    expect(listed.stdout).toMatch(/platform +https +2 +\S+ +review: 0 new, 0 changed, 1 removed/);

    const agreed = await cli(['catalog', 'sync', '--yes']);
    expect(agreed.stderr).toBe('');
    expect(agreed.code).toBe(0);
    expect(roleIds()).not.toContain('team-ops');
    // The engine's catalog path removed the profile the role had written.
    expect(world.home.readCredentials()).toBe(USER_FILE);
    // --yes applied the copy fetched before (the server answered 304).
    expect(server.requests.at(-1)!.status).toBe(304);
  });

  it('shows a role held back by a conflict with a local role, and refuses edits to its definition', async () => {
    server.publish(catalogExport([teamRole('team-dev', { profile: 'dev' }), teamRole('team-qa')]));
    const subscribed = await cli(['catalog', 'subscribe', server.url, '--name', 'platform']);
    expect(subscribed.code).toBe(0);
    expect(subscribed.stdout).toMatch(
      /held back +"team dev" \(id team-dev\) +its profile dev is written by local role "Dev admin"/,
    );
    expect(roleIds()).toEqual([world.roleId, 'team-qa']);

    const edit = await cli(['roles', 'edit', 'team-qa', '--duration', '1800']);
    expect(edit.code).toBe(2);
    expect(edit.stderr).toBe(
      'switchyard: duration: "team qa" comes from subscription platform and its duration is read-only here; change it upstream, or unsubscribe (switchyard catalog unsubscribe platform)\n',
    );
    const relabel = await cli(['roles', 'edit', 'team-qa', '--label', 'QA', '--color', '00ff00']);
    expect(relabel.code).toBe(0);
    server.publish(
      catalogExport([
        teamRole('team-dev', { profile: 'dev' }),
        teamRole('team-qa', { label: 'Quality' }),
        teamRole('extra'),
      ]),
    );
    expect((await cli(['catalog', 'sync'])).code).toBe(0);
    const catalog = CatalogStore.open({ dir: world.home.switchyardConfigDir });
    expect(catalog.get('team-qa')).toMatchObject({ label: 'QA', color: '00ff00' });
    catalog.close();

    const json = JSON.parse((await cli(['catalog', 'subscriptions', '--json'])).stdout);
    expect(json[0]).toMatchObject({ record: { name: 'platform', kind: 'https' }, roles: 2 });
    expect(json[0].status.conflicts[0]).toContain('its profile dev is written by local role');

    const gone = await cli(['catalog', 'unsubscribe', 'platform']);
    expect(gone.stdout).toBe('unsubscribed platform; removed 2 roles\n');
    expect(roleIds()).toEqual([world.roleId]);
  });

  it('follows a file: a dry run writes nothing, unknown names are one line, --keep-roles keeps them local', async () => {
    const file = join(world.home.home, 'team.json');
    writeFileSync(file, catalogExport([teamRole('team-ops')]));
    const subscribed = await cli(['catalog', 'subscribe', file]);
    expect(subscribed.stdout).toContain(`subscribed to ${file} as team (file)`);
    const listed = await cli(['roles', 'list']);
    expect(listed.stdout).toMatch(/PROFILE +SOURCE +CATALOG\n/);
    expect(listed.stdout).toMatch(/team-ops .* profile:source +team\n/);

    writeFileSync(file, catalogExport([teamRole('team-ops'), teamRole('team-new')]));
    const dry = await cli(['catalog', 'sync', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      'team: dry run: would be 1 new, 0 changed, 0 removed, 1 unchanged',
    );
    expect(roleIds()).toEqual([world.roleId, 'team-ops']);

    const unknown = await cli(['catalog', 'sync', '--name', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'switchyard: no subscription named "nope"; see `switchyard catalog subscriptions`\n',
    );

    const kept = await cli(['catalog', 'unsubscribe', 'team', '--keep-roles']);
    expect(kept.stdout).toBe('unsubscribed team; kept its 1 role as local\n');
    const catalog = CatalogStore.open({ dir: world.home.switchyardConfigDir });
    expect(catalog.get('team-ops').subscription).toBeUndefined();
    expect(catalog.subscriptions()).toEqual([]);
    catalog.close();
  });
});
