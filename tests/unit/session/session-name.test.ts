import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultSessionName, loginName } from '../../../electron/core/session/session-name';

describe('loginName', () => {
  it('takes the first of LOGNAME, USER, LNAME, USERNAME that is set, as getpass.getuser() does', () => {
    const lookUp = () => 'from-database';
    expect(loginName({ LOGNAME: 'a', USER: 'b', LNAME: 'c', USERNAME: 'd' }, lookUp)).toBe('a');
    expect(loginName({ USER: 'b', LNAME: 'c', USERNAME: 'd' }, lookUp)).toBe('b');
    expect(loginName({ LNAME: 'c', USERNAME: 'd' }, lookUp)).toBe('c');
    expect(loginName({ USERNAME: 'd' }, lookUp)).toBe('d');
    expect(loginName({ LOGNAME: '', USER: 'b' }, lookUp)).toBe('b');
  });

  it('asks the account database when none is set, and says nothing when that fails', () => {
    expect(loginName({}, () => 'from-database')).toBe('from-database');
    // The default lookup is the real account database.
    expect(loginName({})).toBe(userInfo().username);
    expect(
      loginName({}, () => {
        throw new Error('no entry for uid 4242');
      }),
    ).toBe('');
  });
});

describe('defaultSessionName', () => {
  it('is switchyard-<login name>, cut to what STS accepts', () => {
    expect(defaultSessionName('alice')).toBe('switchyard-alice');
    expect(defaultSessionName('DOMAIN\\bob smith')).toBe('switchyard-DOMAINbobsmith');
    expect(defaultSessionName('x'.repeat(80))).toHaveLength(64);
    expect(defaultSessionName('')).toBe('switchyard');
    expect(defaultSessionName('ü')).toBe('switchyard');
  });
});
