import { describe, expect, it } from 'vitest';
import { parseState } from '../../../electron/core/refresh/parse-state';
import { StateFileError } from '../../../electron/core/refresh/state-file-error';
import {
  emptyState,
  serializeState,
  type SwitchyardState,
} from '../../../electron/core/refresh/state-model';

const PATH = '/cfg/state.json';

const full: SwitchyardState = {
  version: 1,
  sessions: {
    'prod-admin': {
      desired: 'active',
      state: 'error',
      expiresAt: 1_767_261_600_000,
      error: {
        kind: 'retryable',
        code: 'Throttling',
        message: 'Rate exceeded',
        retryAt: 1_767_261_000_000,
      },
      updatedAt: 1_767_260_000_000,
    },
    dev: { desired: 'inactive', state: 'inactive', updatedAt: 1 },
  },
  requests: [
    { id: 'r1', action: 'refresh', roleId: 'dev', createdAt: 5, from: { pid: 77, kind: 'cli' } },
    {
      id: 'r2',
      action: 'activate',
      roleId: 'prod-admin',
      createdAt: 6,
      from: { pid: 78, kind: 'cli' },
      mfaCode: { epk: 'ZXBr', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' },
    },
  ],
  results: [
    { id: 'r0', action: 'activate', roleId: 'dev', ok: false, message: 'no', finishedAt: 4 },
  ],
  codeKey: { publicKey: 'cGs=', pid: 90, createdAt: 3 },
  grants: [
    {
      id: 'g1',
      roleId: 'dev',
      kind: 'exec',
      tokenSha256: 'ab'.repeat(32),
      pid: 4321,
      createdAt: 7,
    },
    {
      id: 'g2',
      roleId: 'prod-admin',
      kind: 'endpoint',
      tokenSha256: '0f'.repeat(32),
      createdAt: 8,
      mfaCode: { epk: 'ZXBr', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' },
    },
  ],
  endpoint: { port: 49_152, pid: 90, startedAt: 3 },
};

function errorOf(text: string): StateFileError {
  try {
    parseState(text, PATH);
  } catch (error) {
    if (error instanceof StateFileError) return error;
    throw error;
  }
  throw new Error('expected a StateFileError');
}

describe('parseState', () => {
  it('round-trips what serializeState writes', () => {
    expect(parseState(serializeState(full), PATH)).toEqual(full);
    expect(parseState(serializeState(emptyState()), PATH)).toEqual(emptyState());
  });

  it('fills missing lists and drops unknown fields', () => {
    const parsed = parseState('{"version":1,"extra":true,"sessions":{}}', PATH);
    expect(parsed).toEqual(emptyState());
  });

  it('reports a malformed sealed code or code key as corrupt, naming the field', () => {
    const base = JSON.parse(serializeState(full)) as Record<string, unknown>;
    const badCode = { ...base, requests: [{ ...full.requests[1], mfaCode: { epk: 1 } }] };
    expect(errorOf(JSON.stringify(badCode)).message).toContain('requests[0].mfaCode.epk');
    const badKey = { ...base, codeKey: { publicKey: 'cGs=', pid: 'x', createdAt: 1 } };
    expect(errorOf(JSON.stringify(badKey)).message).toContain('codeKey.pid');
  });

  it('reports a malformed grant or endpoint record as corrupt, naming the field', () => {
    const base = JSON.parse(serializeState(full)) as Record<string, unknown>;
    const grant = full.grants![0]!;
    const cases: [unknown, string][] = [
      [{ ...base, grants: {} }, 'grants is not a list'],
      [{ ...base, grants: [{ ...grant, kind: 'forever' }] }, 'grants[0].kind'],
      [{ ...base, grants: [{ ...grant, tokenSha256: 'secret-token' }] }, 'grants[0].tokenSha256'],
      [{ ...base, grants: [{ ...grant, tokenSha256: 'AB'.repeat(32) }] }, 'grants[0].tokenSha256'],
      [{ ...base, grants: [{ ...grant, pid: '4321' }] }, 'grants[0].pid'],
      [{ ...base, grants: [grant, { ...grant, roleId: 5 }] }, 'grants[1].roleId'],
      [{ ...base, endpoint: { port: 70_000, pid: 1, startedAt: 1 } }, 'endpoint.port'],
      [{ ...base, endpoint: { port: 8080, startedAt: 1 } }, 'endpoint.pid'],
    ];
    for (const [value, where] of cases) {
      const error = errorOf(JSON.stringify(value));
      expect(error.kind, where).toBe('corrupt');
      expect(error.message, where).toContain(where);
    }
  });

  it('reports broken JSON as corrupt, naming the file', () => {
    const error = errorOf('{"version":1,');
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain(PATH);
    expect(error.path).toBe(PATH);
  });

  it('reports a wrong shape as corrupt, saying where', () => {
    const cases: [string, string][] = [
      ['[]', 'the file is not an object'],
      ['{"version":1,"sessions":[]}', 'sessions is not an object'],
      [
        '{"version":1,"sessions":{"a":{"desired":"maybe","state":"active","updatedAt":1}}}',
        'sessions.a.desired',
      ],
      [
        '{"version":1,"sessions":{"a":{"desired":"active","state":"napping","updatedAt":1}}}',
        'sessions.a.state',
      ],
      [
        '{"version":1,"sessions":{"a":{"desired":"active","state":"active"}}}',
        'sessions.a.updatedAt',
      ],
      [
        '{"version":1,"requests":[{"id":"x","action":"explode","roleId":"a","createdAt":1,"from":{"pid":1,"kind":"cli"}}]}',
        'requests[0].action',
      ],
      [
        '{"version":1,"results":[{"id":"x","action":"refresh","roleId":"a","ok":"yes","finishedAt":1}]}',
        'results[0].ok',
      ],
      ['{"version":0}', 'unknown version'],
      ['{"sessions":{}}', 'unknown version'],
    ];
    for (const [text, where] of cases) {
      const error = errorOf(text);
      expect(error.kind, text).toBe('corrupt');
      expect(error.message, text).toContain(where);
    }
  });

  it('refuses a file from a newer Switchyard without calling it corrupt', () => {
    const error = errorOf('{"version":2,"whatever":[]}');
    expect(error.kind).toBe('unsupported-version');
    expect(error.message).toMatch(/newer Switchyard/);
  });

  it('rejects a __proto__ role id', () => {
    const text =
      '{"version":1,"sessions":{"__proto__":{"desired":"active","state":"active","updatedAt":1}}}';
    expect(errorOf(text).kind).toBe('corrupt');
  });
});
