import { describe, expect, it } from 'vitest';
import type { RoleEntry } from '../../../shared/model';
import { chainLevels, chainOf } from '../../../electron/core/session/role-chains';
import { requestBatches } from '../../../electron/core/session/request-batches';

function role(id: string, from?: string): RoleEntry {
  return {
    id,
    label: id,
    roleArn: `arn:aws:iam::123456789012:role/${id}`,
    profile: id,
    source: from ? { kind: 'role', roleId: from } : { kind: 'default' },
    tags: [],
  } as unknown as RoleEntry;
}

const ids = (levels: RoleEntry[][]) => levels.map((l) => l.map((r) => r.id));

describe('chainLevels', () => {
  it('puts each role after the role it chains from, when both are in the round', () => {
    const roles = [role('c', 'b'), role('b', 'a'), role('a'), role('x', 'outside')];
    expect(ids(chainLevels(roles))).toEqual([['a', 'x'], ['b'], ['c']]);
  });

  it('terminates on a cycle', () => {
    expect(
      ids(chainLevels([role('a', 'b'), role('b', 'a')]))
        .flat()
        .sort(),
    ).toEqual(['a', 'b']);
  });
});

describe('chainOf', () => {
  const all = new Map([role('a'), role('b', 'a'), role('c', 'b')].map((r) => [r.id, r]));
  const find = (id: string) => all.get(id);

  it('lists the sources first, stopping at one that is already active', () => {
    expect(chainOf(all.get('c')!, find, () => false).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(chainOf(all.get('c')!, find, (id) => id === 'b').map((r) => r.id)).toEqual(['b', 'c']);
  });

  it('re-assumes the role itself even when it is active', () => {
    expect(chainOf(all.get('a')!, find, () => true).map((r) => r.id)).toEqual(['a']);
  });
});

describe('requestBatches', () => {
  const req = (id: string, action: 'activate' | 'deactivate' | 'refresh', roleId: string) => ({
    id,
    action,
    roleId,
  });

  it('runs different roles together; a deactivation or a repeated role starts a new batch', () => {
    const batches = requestBatches([
      req('1', 'activate', 'a'),
      req('2', 'activate', 'b'),
      req('3', 'refresh', 'a'),
      req('4', 'deactivate', 'b'),
      req('5', 'activate', 'b'),
    ]);
    expect(batches.map((b) => b.map((r) => r.id))).toEqual([['1', '2'], ['3'], ['4'], ['5']]);
  });
});
