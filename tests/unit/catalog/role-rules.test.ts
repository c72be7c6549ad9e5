import { describe, expect, it } from 'vitest';

import { CATALOG_VERSION } from '../../../electron/core/catalog/catalog-schema';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { checkCatalogDocument } from '../../../electron/core/catalog/check-catalog-document';
import {
  checkRolePlacement,
  checkRoleUnique,
  RoleGraph,
} from '../../../electron/core/catalog/role-graph';
import type { RoleEntry } from '../../../shared/model';
import { expectInputError } from '../shared/expect-input-error';
import { arn, roleInput, useTempConfigDir } from './catalog-fixtures';

const tempDir = useTempConfigDir();

function open(): CatalogStore {
  tempDir();
  return CatalogStore.open();
}

describe('catalog rules: target profiles', () => {
  it('refuses two roles writing one profile, naming the other role', () => {
    const store = open();
    const first = store.add(roleInput('Admin', { profile: 'prod' }));
    expectInputError(
      () => store.add(roleInput('Other', { profile: 'prod' })),
      'profile',
      '"prod" is already written by "Admin"',
      first.id,
    );
    const other = store.add(roleInput('Other', { profile: 'other' }));
    expectInputError(
      () => store.update(other.id, { profile: 'prod' }),
      'profile',
      'already written',
    );
  });

  it('compares profiles case-sensitively, as the AWS files do', () => {
    const store = open();
    store.add(roleInput('A', { profile: 'prod' }));
    expect(store.add(roleInput('B', { profile: 'Prod' })).profile).toBe('Prod');
  });

  it("refuses a source profile that is the role's own target", () => {
    const store = open();
    expectInputError(
      () => store.add(roleInput('A', { profile: 'p', source: { kind: 'profile', profile: 'p' } })),
      'source profile',
      'writes its own session to',
    );
  });

  it('refuses a source profile another role writes, and suggests chaining from that role', () => {
    const store = open();
    const base = store.add(roleInput('Base', { profile: 'base-session' }));
    expectInputError(
      () => store.add(roleInput('A', { source: { kind: 'profile', profile: 'base-session' } })),
      'source profile',
      'holds the session of "Base"',
      `make its source the role "Base" (id ${base.id})`,
    );
  });

  it('refuses a target profile that another role reads as its source', () => {
    const store = open();
    store.add(roleInput('A', { source: { kind: 'profile', profile: 'shared' } }));
    expectInputError(
      () => store.add(roleInput('B', { profile: 'shared' })),
      'profile',
      'is the source profile of "A"',
    );
  });
});

describe('catalog rules: chaining', () => {
  it('accepts a chain and refuses a missing source role', () => {
    const store = open();
    const base = store.add(roleInput('Base'));
    const child = store.add(roleInput('Child', { source: { kind: 'role', roleId: base.id } }));
    expect(child.source).toEqual({ kind: 'role', roleId: base.id });
    expectInputError(
      () => store.add(roleInput('Orphan', { source: { kind: 'role', roleId: 'zzzzzzzz' } })),
      'source role',
      'no role has the id "zzzzzzzz"',
    );
  });

  it('refuses a role chaining from itself', () => {
    const store = open();
    const role = store.add(roleInput('Self'));
    expectInputError(
      () => store.update(role.id, { source: { kind: 'role', roleId: role.id } }),
      'source role',
      'cannot chain from itself',
    );
  });

  it('refuses a loop of two and of three, showing the loop', () => {
    const store = open();
    const a = store.add(roleInput('A'));
    const b = store.add(roleInput('B', { source: { kind: 'role', roleId: a.id } }));
    expectInputError(
      () => store.update(a.id, { source: { kind: 'role', roleId: b.id } }),
      'source role',
      '"A" → "B" → "A"',
    );
    const c = store.add(roleInput('C', { source: { kind: 'role', roleId: b.id } }));
    expectInputError(
      () => store.update('a', { source: { kind: 'role', roleId: c.id } }),
      'source role',
      '"A" → "C" → "B" → "A"',
      'does not lead back to "A"',
    );
    expect(store.get(a.id).source).toEqual({ kind: 'profile', profile: 'login' });
  });

  it('caps a chained role at 1 hour', () => {
    const store = open();
    const base = store.add(roleInput('Base'));
    const source = { kind: 'role', roleId: base.id } as const;
    expect(store.add(roleInput('Ok', { source, durationSeconds: 3600 })).durationSeconds).toBe(
      3600,
    );
    expectInputError(
      () => store.add(roleInput('Long', { source, durationSeconds: 3601 })),
      'duration',
      'role chaining',
      'use 3600 or less',
    );
  });

  it('refuses to remove a role others chain from, naming them', () => {
    const store = open();
    const base = store.add(roleInput('Base'));
    const x = store.add(roleInput('X', { source: { kind: 'role', roleId: base.id } }));
    const y = store.add(roleInput('Y', { source: { kind: 'role', roleId: base.id } }));
    expectInputError(
      () => store.remove('base'),
      'role',
      '"X"',
      x.id,
      '"Y"',
      y.id,
      'remove them first',
    );
    store.remove(x.id);
    store.remove(y.id);
    expect(store.remove(base.id)).toEqual(base);
  });
});

describe('catalog rules: source kinds', () => {
  it.each([
    [{ kind: 'default' }],
    [{ kind: 'keys', name: 'ci-user' }],
    [{ kind: 'profile', profile: 'sso-dev' }],
  ] as const)('accepts %j', (source) => {
    const store = open();
    expect(store.add(roleInput('A', { source })).source).toEqual(source);
  });

  it.each([
    [{ kind: 'default', profile: 'x' }, 'unknown field "profile"'],
    [{ profile: 'x' }, 'has no "kind"'],
    [{ kind: 'toString' }, 'kind "toString" is not a source kind'],
    [{ kind: 7 }, 'kind of type number'],
    ['default', 'must be an object'],
  ])('refuses %j', (source, fragment) => {
    const store = open();
    expectInputError(
      () => store.add(roleInput('A', { source: source as never })),
      'source',
      fragment,
    );
  });
});

describe('catalog rules: upsertMany', () => {
  it('adds and replaces by id in one write, or changes nothing', () => {
    const store = open();
    const a = store.add(roleInput('A'));
    const result = store.upsertMany([
      { ...a, label: 'A2' },
      { ...roleInput('B'), id: 'team-b', tags: [] },
    ]);
    expect(result.added.map((role) => role.id)).toEqual(['team-b']);
    expect(result.updated.map((role) => role.label)).toEqual(['A2']);
    const before = store.list();
    expectInputError(
      () => store.upsertMany([{ ...roleInput('C', { profile: 'a' }), id: 'team-c', tags: [] }]),
      'profile',
      'in role "C" (id team-c)',
      'already written by "A2"',
    );
    expect(store.list()).toEqual(before);
  });
});

describe('catalog rules: a whole file', () => {
  const role = (i: number): RoleEntry => ({
    id: `role${String(i).padStart(4, '0')}`,
    label: `Role ${i}`,
    roleArn: arn(`R${i}`),
    profile: `p${i}`,
    source: { kind: 'profile', profile: 'login' },
    tags: [],
  });

  /** The role-by-role check: each role against the earlier ones, then against all the others. */
  function roleByRole(roles: readonly RoleEntry[]): string | undefined {
    const at = (i: number, run: () => void): string | undefined => {
      try {
        run();
        return undefined;
      } catch (error) {
        return `roles[${i}] ("${roles[i]!.label}"): ${(error as Error).message}`;
      }
    };
    for (const [i, r] of roles.entries()) {
      const problem = at(i, () => checkRoleUnique(r, roles.slice(0, i)));
      if (problem) return problem;
    }
    for (const [i, r] of roles.entries()) {
      const problem = at(i, () =>
        checkRolePlacement(
          r,
          roles.filter((_, other) => other !== i),
        ),
      );
      if (problem) return problem;
    }
    return undefined;
  }

  // The file check indexes the roles once (a large catalog must open in linear time);
  // it must still report what the role-by-role check reports, on the same role.
  it('reports each broken rule of a hand-edited file as checking role by role does', () => {
    const cases: [string, (roles: RoleEntry[]) => void][] = [
      ['a repeated id', (r) => (r[5] = { ...r[5]!, id: r[1]!.id })],
      ['a repeated profile', (r) => (r[4] = { ...r[4]!, profile: r[2]!.profile })],
      [
        'a source profile another role writes',
        (r) => (r[2] = { ...r[2]!, source: { kind: 'profile', profile: 'p5' } }),
      ],
      ['a target profile the others read', (r) => (r[6] = { ...r[6]!, profile: 'login' })],
      [
        "the role's own profile as source",
        (r) => (r[3] = { ...r[3]!, source: { kind: 'profile', profile: 'p3' } }),
      ],
      [
        'a missing source role',
        (r) => (r[1] = { ...r[1]!, source: { kind: 'role', roleId: 'nosuch01' } }),
      ],
      [
        'a loop',
        (r) => {
          r[2] = { ...r[2]!, source: { kind: 'role', roleId: r[4]!.id } };
          r[4] = { ...r[4]!, source: { kind: 'role', roleId: r[2]!.id } };
        },
      ],
      [
        'a long chained session',
        (r) =>
          (r[7] = { ...r[7]!, source: { kind: 'role', roleId: r[0]!.id }, durationSeconds: 7200 }),
      ],
    ];
    for (const [name, breakRule] of cases) {
      const roles = Array.from({ length: 8 }, (_, i) => role(i));
      breakRule(roles);
      const expected = roleByRole(roles);
      expect(expected, name).toBeDefined();
      let actual: string | undefined;
      try {
        checkCatalogDocument({ version: CATALOG_VERSION, roles, settings: {} });
      } catch (error) {
        actual = (error as Error).message;
      }
      expect(actual, name).toBe(expected);
    }
    const valid = Array.from({ length: 8 }, (_, i) => role(i));
    valid[7] = { ...valid[7]!, source: { kind: 'role', roleId: valid[0]!.id } };
    expect(roleByRole(valid)).toBeUndefined();
    expect(
      checkCatalogDocument({ version: CATALOG_VERSION, roles: valid, settings: {} }).roles,
    ).toEqual(valid);
  });
});

describe('RoleGraph.set: one index kept up to date instead of one per check', () => {
  const PROFILES = ['p0', 'p1', 'p2', 'p3', 'login', 'ci'];
  const IDS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'];

  /** A small deterministic generator, so a failure can be replayed. */
  function random(seed: number) {
    let state = seed;
    return (n: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state % n;
    };
  }

  function randomRole(next: (n: number) => number): RoleEntry {
    const id = IDS[next(IDS.length)]!;
    const chained = next(3) === 0;
    return {
      id,
      label: `Role ${id} v${next(1000)}`,
      roleArn: arn(`R${id}`),
      profile: PROFILES[next(PROFILES.length)]!,
      source: chained
        ? { kind: 'role', roleId: IDS[next(IDS.length)]! }
        : { kind: 'profile', profile: PROFILES[next(PROFILES.length)]! },
      tags: [],
      ...(next(4) === 0 ? { durationSeconds: 7200 } : {}),
    };
  }

  const outcome = (run: () => void): string => {
    try {
      run();
      return 'ok';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('answers every placement check as a graph built afresh from the same catalog', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const catalog = new Map<string, RoleEntry>();
      const graph = new RoleGraph([]);
      for (let step = 0; step < 60; step++) {
        const entry = randomRole(next);
        catalog.set(entry.id, entry);
        graph.set(entry);
        const fresh = new RoleGraph([...catalog.values()]);
        const probe = randomRole(next);
        const where = `seed ${seed}, step ${step}`;
        expect(
          outcome(() => graph.checkPlacement(probe, probe.id)),
          where,
        ).toBe(outcome(() => fresh.checkPlacement(probe, probe.id)));
        expect(
          outcome(() => graph.checkUnique(probe)),
          where,
        ).toBe(outcome(() => fresh.checkUnique(probe)));
      }
    }
  });

  it('frees the profiles a replaced role no longer writes or reads', () => {
    const graph = new RoleGraph([]);
    const first: RoleEntry = {
      id: 'r1',
      label: 'One',
      roleArn: arn('One'),
      profile: 'old-target',
      source: { kind: 'profile', profile: 'old-source' },
      tags: [],
    };
    graph.set(first);
    const other = (profile: string): RoleEntry => ({
      ...first,
      id: 'r2',
      label: 'Two',
      profile,
      source: { kind: 'profile', profile: 'ci' },
    });
    expect(outcome(() => graph.checkPlacement(other('old-target')))).toContain(
      'is already written by',
    );
    expect(outcome(() => graph.checkPlacement(other('old-source')))).toContain(
      'is the source profile of',
    );
    graph.set({ ...first, profile: 'new-target', source: { kind: 'profile', profile: 'login' } });
    expect(outcome(() => graph.checkPlacement(other('old-target')))).toBe('ok');
    expect(outcome(() => graph.checkPlacement(other('old-source')))).toBe('ok');
    expect(outcome(() => graph.checkPlacement(other('new-target')))).toContain(
      'is already written by "One" (id r1)',
    );
  });
});
