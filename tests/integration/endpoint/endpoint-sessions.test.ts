import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { openGrant } from '../../../electron/core/endpoint/grant-client';
import { askEndpoint, splitUri } from '../../support/endpoint-client';
import { accessKeyOf, USER_FILE, useHarness } from '../session/harness';

const MINUTE = 60_000;
const world = useHarness();

function addRole(name: string, source = 'source') {
  return world.h.manager.addRole({
    label: name,
    roleArn: `arn:aws:iam::210987654321:role/${name}`,
    profile: name,
    source: { kind: 'profile', profile: source },
  } as never);
}

async function grantFor(roleId: string) {
  const handle = await openGrant({ roleId, kind: 'endpoint', env: world.h.home.env });
  if (!handle) throw new Error('expected the refresher to grant');
  return { ...splitUri(handle.uri), token: handle.token.reveal() };
}

async function ask(g: Awaited<ReturnType<typeof grantFor>>) {
  const answer = await askEndpoint(g);
  expect(answer.status).toBe(200);
  return {
    key: String(answer.body.AccessKeyId),
    expiresAt: Date.parse(String(answer.body.Expiration)),
  };
}

describe('local credential endpoint: which session it serves', () => {
  it('serves an inactive role from a session in memory, renewed inside the margin, never written', async () => {
    const dev = await addRole('dev');
    const g = await grantFor(dev.id);
    const first = await ask(g);
    expect(first.key).toMatch(/^ASIA/);
    expect(world.h.home.readCredentials()).toBe(USER_FILE);
    // Reused while outside the margin (10 minutes): one AssumeRole for many asks.
    await world.h.advance(40 * MINUTE);
    expect((await ask(g)).key).toBe(first.key);
    expect(world.sts.count('AssumeRole')).toBe(1);
    // A child that outlives its first session: inside the margin it gets the next one.
    for (let hour = 0; hour < 3; hour++) {
      await world.h.advance(55 * MINUTE);
      const next = await ask(g);
      expect(next.expiresAt - world.h.clock.now()).toBeGreaterThan(10 * MINUTE);
    }
    expect(world.sts.count('AssumeRole')).toBe(4);
    expect(world.h.home.readCredentials()).toBe(USER_FILE);
  });

  it('serves an active role its live session, and the refreshed one after a refresh', async () => {
    const dev = await addRole('dev');
    await world.h.manager.activate(dev.id);
    const g = await grantFor(dev.id);
    expect((await ask(g)).key).toBe(accessKeyOf(world.h.home.readCredentials(), 'dev'));
    await world.h.advance(52 * MINUTE); // inside the margin: the refresher renews the profile
    const renewed = accessKeyOf(world.h.home.readCredentials(), 'dev');
    const served = await ask(g);
    expect(served.key).toBe(renewed);
    expect(world.sts.count('AssumeRole')).toBe(2);
  });

  it('answers 503 with a one-line JSON reason when the role cannot be had', async () => {
    const broken = await addRole('broken', 'no-such-profile');
    const g = await grantFor(broken.id);
    const answer = await askEndpoint(g);
    expect(answer.status).toBe(503);
    expect(Object.keys(answer.body).sort()).toEqual(['code', 'message']);
    expect(String(answer.body.message)).toContain('configure source credentials');
    expect(String(answer.body.message)).not.toContain('\n');
  });

  it('refuses a role removed by another process on the very next ask, before any watcher', async () => {
    const dev = await addRole('dev');
    await world.h.manager.activate(dev.id);
    const g = await grantFor(dev.id);
    for (let i = 0; i < 3; i++) expect((await askEndpoint(g)).status).toBe(200);
    // As `switchyard remove` in another process: catalog.json replaced. The refresher's
    // watcher debounces on the fake clock, which does not move: only the endpoint's stat can tell.
    const cli = CatalogStore.open({ dir: world.h.home.switchyardConfigDir });
    try {
      cli.remove(dev.id);
    } finally {
      cli.close();
    }
    const answer = await askEndpoint(g);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ code: 'RoleNotFound' });
  });
});
