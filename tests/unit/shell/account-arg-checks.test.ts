import { describe, expect, it } from 'vitest';

import { checkInvokeArgs } from '../../../electron/main/invoke-arg-checks';
import { IpcArgumentError } from '../../../electron/main/ipc-arg-checks';
import { snapshotOf } from './shell-fixtures';

const snapshot = snapshotOf([]);
const ID = '111122223333';

const update = (patch: unknown) => checkInvokeArgs('account:update', [ID, patch], snapshot);

function refusal(patch: unknown): string {
  try {
    update(patch);
  } catch (error) {
    expect(error).toBeInstanceOf(IpcArgumentError);
    return (error as Error).message;
  }
  throw new Error(`account:update accepted ${JSON.stringify(patch)}`);
}

describe('account:update arguments', () => {
  it.each([
    [{ alias: 'acme-prod', color: 'f2b0a9' }],
    [{ alias: null, color: null }],
    [{ color: 'green' }],
    [{}],
    [{ autoAlias: true }],
    [{ autoAlias: true, color: null }],
    [{ autoAlias: true, color: 'b7ca9d' }],
  ])('accepts %j', (patch) => {
    expect(update(patch)).toEqual([ID, patch]);
  });

  it('drops nothing and adds nothing: a fresh object with the same fields', () => {
    const patch = { autoAlias: true, color: 'green' };
    const [, checked] = update(patch);
    expect(checked).toEqual(patch);
    expect(checked).not.toBe(patch);
  });

  it.each([
    ['text', { autoAlias: 'yes' }],
    ['false', { autoAlias: false }],
    ['a number', { autoAlias: 1 }],
    ['null', { autoAlias: null }],
  ])('refuses autoAlias as %s, in one line', (_what, patch) => {
    expect(refusal(patch)).toBe('account:update: account autoAlias must be true');
  });

  it.each([[{ alias: 'x', autoAlias: true }], [{ alias: null, autoAlias: true }]])(
    'refuses an alias together with automatic naming: %j',
    (patch) => {
      const message = refusal(patch);
      expect(message).toBe(
        'account:update: account change cannot both set an alias and name it automatically',
      );
      expect(message).not.toContain('\n');
    },
  );

  it.each([
    ['an alias that is not text', { alias: 1 }],
    ['an unknown field', { nick: 'x' }],
    ['a list', [{ autoAlias: true }]],
  ])('still refuses %s', (_what, patch) => {
    refusal(patch);
  });
});
