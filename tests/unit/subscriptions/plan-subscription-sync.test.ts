import { describe, expect, it } from 'vitest';

import type { RoleEntry } from '../../../shared/model';
import { planSubscriptionSync } from '../../../electron/core/subscriptions/plan-subscription-sync';
import { activeRolesAffected } from '../../../electron/core/subscriptions/review-changes';
import { arn } from '../catalog/catalog-fixtures';

function role(id: string, overrides: Partial<RoleEntry> = {}): RoleEntry {
  return {
    id,
    label: id.toUpperCase(),
    roleArn: arn(id),
    profile: id,
    source: { kind: 'profile', profile: 'login' },
    tags: [],
    ...overrides,
  };
}

const mine = (r: RoleEntry): RoleEntry => ({ ...r, subscription: 'platform' });

describe('planning a subscription sync', () => {
  it('adds new roles marked with the subscription, and counts the unchanged ones', () => {
    const plan = planSubscriptionSync({
      name: 'platform',
      roles: [role('local'), mine(role('a'))],
      upstream: [role('a'), role('b')],
      base: [role('a')],
    });
    expect(plan.added).toEqual([mine(role('b'))]);
    expect(plan.unchanged).toBe(1);
    expect(plan.roles.map((r) => r.id)).toEqual(['local', 'a', 'b']);
  });

  it('keeps the user touches (label, colour, profile) and takes upstream definition changes', () => {
    const base = role('a', { durationSeconds: 3600, color: '00ff00' });
    const current = mine({ ...base, label: 'My A', color: 'ff0000', profile: 'my-a' });
    const upstream = role('a', {
      roleArn: arn('a-v2'),
      durationSeconds: 7200,
      color: '0000ff',
      label: 'A v2',
      region: 'eu-west-1',
    });
    const plan = planSubscriptionSync({
      name: 'platform',
      roles: [current],
      upstream: [upstream],
      base: [base],
    });
    expect(plan.changed).toHaveLength(1);
    expect(plan.changed[0]!.after).toEqual(
      mine({
        ...upstream,
        label: 'My A',
        color: 'ff0000',
        profile: 'my-a',
      }),
    );
  });

  it('removes roles gone upstream, but keeps one a local role chains from', () => {
    const local = role('local', { source: { kind: 'role', roleId: 'hub' } });
    const plan = planSubscriptionSync({
      name: 'platform',
      roles: [mine(role('hub')), mine(role('gone')), local],
      upstream: [],
      base: [role('hub'), role('gone')],
    });
    expect(plan.removed.map((r) => r.id)).toEqual(['gone']);
    expect(plan.kept).toEqual([
      { id: 'hub', label: 'HUB', reason: 'gone upstream, kept: local role "LOCAL" chains from it' },
    ]);
    expect(plan.roles.map((r) => r.id)).toEqual(['hub', 'local']);
  });

  it('holds back a role whose profile a local role writes: the local role wins, and says so', () => {
    const plan = planSubscriptionSync({
      name: 'platform',
      roles: [role('mine', { profile: 'prod' })],
      upstream: [role('prod-admin', { profile: 'prod' }), role('ok')],
      base: undefined,
    });
    expect(plan.added.map((r) => r.id)).toEqual(['ok']);
    expect(plan.conflicts).toEqual([
      {
        id: 'prod-admin',
        label: 'PROD-ADMIN',
        reason: 'its profile prod is written by local role "MINE"',
      },
    ]);
  });

  it('holds back a role another subscription defined first, and the roles chained from it', () => {
    const theirs = { ...role('shared'), subscription: 'security' };
    const plan = planSubscriptionSync({
      name: 'platform',
      roles: [theirs],
      upstream: [
        role('shared', { profile: 'shared-2' }),
        role('child', { source: { kind: 'role', roleId: 'shared' } }),
      ],
      base: undefined,
    });
    expect(plan.added).toEqual([]);
    expect(plan.conflicts.map((c) => [c.id, c.reason])).toEqual([
      ['shared', 'its id shared is taken by "SHARED" of subscription security'],
      ['child', "its source role shared is not among this subscription's roles in the catalog"],
    ]);
  });

  it('keeps the previous version of a role whose update conflicts', () => {
    const current = mine(role('a'));
    const plan = planSubscriptionSync({
      name: 'platform',
      roles: [current, role('local', { profile: 'taken' })],
      upstream: [role('a', { profile: 'taken' })],
      base: [role('a')],
    });
    expect(plan.roles).toContainEqual(current);
    expect(plan.removed).toEqual([]);
    expect(plan.conflicts[0]!.reason).toBe('its profile taken is written by local role "LOCAL"');
  });
});

describe('which changes wait for the user', () => {
  it('a removed or re-pointed active role does; a relabelled one or an inactive one does not', () => {
    const plan = planSubscriptionSync({
      name: 'platform',
      roles: [mine(role('gone')), mine(role('moved')), mine(role('relabel')), mine(role('idle'))],
      upstream: [role('moved', { roleArn: arn('other') }), role('relabel', { label: 'New' })],
      base: [role('gone'), role('moved'), role('relabel'), role('idle')],
    });
    const active = new Set(['gone', 'moved', 'relabel']);
    expect(activeRolesAffected(plan, active).map((r) => r.id)).toEqual(['gone', 'moved']);
    expect(plan.removed.map((r) => r.id)).toEqual(['gone', 'idle']);
  });
});
