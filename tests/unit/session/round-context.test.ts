import { describe, expect, it } from 'vitest';
import { Secret } from '../../../electron/core/secret';
import type { CredentialSource } from '../../../electron/core/sts/sts-gateway';
import { RoundContext } from '../../../electron/core/session/round-context';
import type { StsGatewayLike } from '../../../electron/core/session/sts-gateway-like';

function fakeGateway(): StsGatewayLike & { destroyed: number } {
  const gateway = {
    destroyed: 0,
    destroy() {
      gateway.destroyed += 1;
    },
  };
  return gateway as unknown as StsGatewayLike & { destroyed: number };
}

const keys = (id: string): CredentialSource => ({
  kind: 'keys',
  accessKeyId: new Secret(id),
  secretAccessKey: new Secret('secret'),
});

describe('RoundContext', () => {
  it('resolves each region key and each source key once per round', async () => {
    const round = new RoundContext();
    let regionCalls = 0;
    let sourceCalls = 0;
    const region = () => (regionCalls++, Promise.resolve('eu-west-1'));
    const source = () => (sourceCalls++, Promise.resolve(keys('A')));
    const regions = await Promise.all([round.region('k', region), round.region('k', region)]);
    const sources = await Promise.all([round.source('p', source), round.source('p', source)]);
    await round.region('other', region);
    expect(regions).toEqual(['eu-west-1', 'eu-west-1']);
    expect(sources[0]).toBe(sources[1]);
    expect([regionCalls, sourceCalls]).toEqual([2, 1]);
  });

  it('shares one client per resolved source and region, and destroys them when closed', async () => {
    const round = new RoundContext();
    const resolved = await round.source('p', () => Promise.resolve(keys('A')));
    const made: ReturnType<typeof fakeGateway>[] = [];
    const create = () => {
      const g = fakeGateway();
      made.push(g);
      return g;
    };
    const a = round.gateway(resolved, 'eu-west-1', create);
    const b = round.gateway(resolved, 'eu-west-1', create);
    const c = round.gateway(resolved, 'us-east-1', create);
    expect(a).toEqual({ gateway: made[0], shared: true });
    expect(b.gateway).toBe(a.gateway);
    expect(c.gateway).not.toBe(a.gateway);
    expect(made).toHaveLength(2);
    round.close();
    expect(made.map((g) => g.destroyed)).toEqual([1, 1]);
  });

  it('never shares a client for a source it did not resolve (it may carry other keys)', () => {
    const round = new RoundContext();
    const source = keys('MFA');
    const first = round.gateway(source, 'eu-west-1', fakeGateway);
    const second = round.gateway(source, 'eu-west-1', fakeGateway);
    expect(first.shared).toBe(false);
    expect(second.gateway).not.toBe(first.gateway);
    round.close();
    expect((first.gateway as ReturnType<typeof fakeGateway>).destroyed).toBe(0); // the caller's to destroy
  });

  it('after close, hands out only unshared clients', async () => {
    const round = new RoundContext();
    const resolved = await round.source('p', () => Promise.resolve(keys('A')));
    round.close();
    expect(round.gateway(resolved, 'eu-west-1', fakeGateway).shared).toBe(false);
  });
});
