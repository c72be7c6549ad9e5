import { describe, expect, it } from 'vitest';
import {
  INHERITED_CREDENTIAL_VARIABLES,
  childEnvironment,
  childEnvironmentChanges,
  clearedEnvironmentChanges,
} from '../../../electron/core/endpoint/child-environment';
import { Secret } from '../../../electron/core/secret';

const KEYS = {
  kind: 'keys',
  credentials: {
    accessKeyId: new Secret('ASIAEXAMPLEEXAMPLE01'),
    secretAccessKey: new Secret('se/cr+et='),
    sessionToken: new Secret('to/ken+=='),
    expiresAt: Date.UTC(2026, 11, 6, 15, 0, 0),
  },
} as const;

/** Every variable the list removes, set to something a child must not see. */
const INHERITED = Object.fromEntries(
  INHERITED_CREDENTIAL_VARIABLES.map((name) => [name, `old-${name}`]),
);

describe('childEnvironment', () => {
  it('removes every inherited credential variable and sets the keys, region and role', () => {
    const base: NodeJS.ProcessEnv = {
      PATH: '/bin',
      AWS_REGION: 'us-east-1',
      aws_profile: 'lower',
      ...INHERITED,
    };
    const env = childEnvironment(base, { label: 'Prod admin', region: 'eu-west-1' }, KEYS);
    expect(env).toEqual({
      PATH: '/bin',
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE01',
      AWS_SECRET_ACCESS_KEY: 'se/cr+et=',
      AWS_SESSION_TOKEN: 'to/ken+==',
      AWS_CREDENTIAL_EXPIRATION: '2026-12-06T15:00:00.000Z',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      SWITCHYARD_ROLE: 'Prod admin',
    });
    // The caller's environment is left as it was.
    expect(base.AWS_PROFILE).toBe('old-AWS_PROFILE');
  });

  it('keeps an inherited region when the role has none', () => {
    const env = childEnvironment({ AWS_REGION: 'us-east-2' }, { label: 'r' }, KEYS);
    expect(env.AWS_REGION).toBe('us-east-2');
    expect(env.AWS_DEFAULT_REGION).toBeUndefined();
  });

  it('in endpoint mode hands over the URI and token and no key at all', () => {
    const env = childEnvironment(
      INHERITED,
      { label: 'r' },
      {
        kind: 'endpoint',
        uri: 'http://127.0.0.1:4321/creds',
        token: new Secret('tok_en-'),
      },
    );
    expect(env).toEqual({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:4321/creds',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok_en-',
      SWITCHYARD_ROLE: 'r',
    });
  });
});

describe('environment changes for a shell', () => {
  it('unsets what it does not set, then sets, in a stable order', () => {
    const changes = childEnvironmentChanges({ label: 'x' }, KEYS);
    expect(changes.set.map(([name]) => name)).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_CREDENTIAL_EXPIRATION',
      'SWITCHYARD_ROLE',
    ]);
    expect(changes.unset).not.toContain('AWS_ACCESS_KEY_ID');
    expect(changes.unset).toContain('AWS_PROFILE');
    expect(changes.unset).toContain('AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE');
  });

  it('--unset clears every credential variable, the role, and the region only when the role has one', () => {
    expect(clearedEnvironmentChanges({ label: 'x' }).unset).toEqual([
      ...INHERITED_CREDENTIAL_VARIABLES,
      'SWITCHYARD_ROLE',
    ]);
    expect(clearedEnvironmentChanges({ label: 'x', region: 'eu-west-1' }).unset).toEqual([
      ...INHERITED_CREDENTIAL_VARIABLES,
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'SWITCHYARD_ROLE',
    ]);
  });
});
