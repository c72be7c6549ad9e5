import { describe, expect, it } from 'vitest';
import {
  hasToken,
  parseSearch,
  searchHint,
  toggleToken,
} from '../../../renderer/src/glance/search-query';

describe('parseSearch', () => {
  it('splits free text from is:, account: and tag: tokens, any case', () => {
    expect(parseSearch(' Prod IS:Live account:1111 tag:Tier1  admin ')).toEqual({
      terms: ['prod', 'admin'],
      is: ['live'],
      accounts: ['1111'],
      tags: ['tier1'],
      unknown: [],
    });
  });

  it('keeps every known is: filter once', () => {
    expect(parseSearch('is:live is:failed is:mfa is:needs is:default is:live').is).toEqual([
      'live',
      'failed',
      'mfa',
      'needs',
      'default',
    ]);
  });

  it('reports an unknown is: word instead of ignoring it silently', () => {
    const query = parseSearch('is:alive prod');
    expect(query.unknown).toEqual(['is:alive']);
    expect(query.is).toEqual([]);
    expect(searchHint(query)).toBe(
      'is:alive is not a filter: use is:live, is:failed, is:mfa, is:needs, is:default, account:… or tag:…',
    );
    expect(searchHint(parseSearch('is:live'))).toBeUndefined();
  });

  it('treats a token with nothing after the colon (still being typed) as no filter', () => {
    expect(parseSearch('is: account: tag:')).toEqual({
      terms: [],
      is: [],
      accounts: [],
      tags: [],
      unknown: [],
    });
  });

  it('keeps other words with colons as free text (ARNs)', () => {
    expect(parseSearch('arn:aws:iam::1234 :x').terms).toEqual(['arn:aws:iam::1234', ':x']);
  });
});

describe('toggleToken', () => {
  it('adds a token at the end, and removes it when it is there (any case)', () => {
    expect(toggleToken('', 'is:live')).toBe('is:live');
    expect(toggleToken('prod ', 'is:live')).toBe('prod is:live');
    expect(toggleToken('prod IS:LIVE admin', 'is:live')).toBe('prod admin');
    expect(hasToken('prod IS:live', 'is:live')).toBe(true);
    expect(hasToken('prod is:lives', 'is:live')).toBe(false);
  });
});
