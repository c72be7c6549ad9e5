import { describe, expect, it } from 'vitest';

import {
  fillAccountAlias,
  mergeSharedAccountNames,
} from '../../../electron/core/catalog/account-names';
import {
  fillSubscribedAccountNames,
  releaseSubscriptionNames,
} from '../../../electron/core/catalog/subscription-account-names';
import type { AccountNames } from '../../../shared/account-name';

const PROD = '111122223333';
const DEV = '444455556666';
const OPS = '777788889999';
const ours = (alias: string) => ({
  alias,
  aliasFrom: 'subscription' as const,
  subscription: 'team',
});

describe("a subscription's account names", () => {
  it("fill an unnamed account or one named automatically, marked as the subscription's", () => {
    const local: AccountNames = {
      [DEV]: { alias: 'acme-dev', aliasFrom: 'iam', color: 'ff0000' },
      [OPS]: { color: '00ff00' },
    };
    const incoming = {
      [PROD]: { alias: 'Acme Prod', color: '0000ff' },
      [DEV]: { alias: 'Acme Dev', color: '0000ff' },
      [OPS]: { alias: 'Acme Ops' },
    };
    expect(fillSubscribedAccountNames(local, incoming, 'team')).toEqual({
      [PROD]: { ...ours('Acme Prod'), color: '0000ff' },
      // The colour the account has stays; a colour fills only where there is none.
      [DEV]: { ...ours('Acme Dev'), color: 'ff0000' },
      [OPS]: { ...ours('Acme Ops'), color: '00ff00' },
    });
    expect(fillSubscribedAccountNames(local, {}, 'team')).toBeUndefined();
  });

  it("never replace the user's alias, the user's cleared alias, or another subscription's", () => {
    const local: AccountNames = {
      [PROD]: { alias: 'mine', aliasFrom: 'user' },
      [DEV]: { aliasFrom: 'user' },
      [OPS]: { alias: 'Ops', aliasFrom: 'subscription', subscription: 'platform' },
    };
    const incoming = {
      [PROD]: { alias: 'Acme Prod' },
      [DEV]: { alias: 'Acme Dev' },
      [OPS]: { alias: 'Acme Ops' },
    };
    expect(fillSubscribedAccountNames(local, incoming, 'team')).toBeUndefined();
  });

  it('follow the file: a renamed account is renamed, one it no longer names loses the alias', () => {
    const local: AccountNames = {
      [PROD]: ours('Acme Prod'),
      [DEV]: { ...ours('Acme Dev'), color: 'ff0000' },
      [OPS]: ours('Acme Ops'),
    };
    expect(
      fillSubscribedAccountNames(
        local,
        { [PROD]: { alias: 'Acme Production' }, [DEV]: {} },
        'team',
      ),
    ).toEqual({ [PROD]: ours('Acme Production'), [DEV]: { color: 'ff0000' } });
    expect(
      fillSubscribedAccountNames(
        local,
        {
          [PROD]: { alias: 'Acme Prod' },
          [DEV]: { alias: 'Acme Dev' },
          [OPS]: { alias: 'Acme Ops' },
        },
        'team',
      ),
    ).toBeUndefined();
    // Another subscription leaves them alone.
    expect(fillSubscribedAccountNames(local, {}, 'platform')).toBeUndefined();
  });

  it('are not replaced by Identity Center, IAM or a shared file import', () => {
    const local: AccountNames = { [PROD]: ours('Acme Prod') };
    expect(fillAccountAlias(local, PROD, 'Other', 'identity-center')).toBeUndefined();
    expect(fillAccountAlias(local, PROD, 'other', 'iam')).toBeUndefined();
    expect(mergeSharedAccountNames(local, { [PROD]: { alias: 'Other' } })).toBeUndefined();
  });

  it("go with the subscription, or become the user's when its roles are kept", () => {
    const names: AccountNames = {
      [PROD]: ours('Acme Prod'),
      [DEV]: { ...ours('Acme Dev'), color: 'ff0000' },
      [OPS]: { alias: 'Ops', aliasFrom: 'subscription', subscription: 'platform' },
    };
    expect(releaseSubscriptionNames(names, 'team', false)).toEqual({
      [DEV]: { color: 'ff0000' },
      [OPS]: names[OPS],
    });
    expect(releaseSubscriptionNames(names, 'team', true)).toEqual({
      [PROD]: { alias: 'Acme Prod', aliasFrom: 'user' },
      [DEV]: { alias: 'Acme Dev', aliasFrom: 'user', color: 'ff0000' },
      [OPS]: names[OPS],
    });
    expect(releaseSubscriptionNames(names, 'other', false)).toBeUndefined();
  });
});
