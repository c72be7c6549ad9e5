import { describe, expect, it } from 'vitest';

import { catalogDir } from '../../../electron/core/catalog/catalog-paths';

describe('catalogDir', () => {
  it('uses SWITCHYARD_CONFIG_DIR first, made absolute', () => {
    expect(catalogDir({ SWITCHYARD_CONFIG_DIR: '/srv/sy', HOME: '/home/a' }, 'linux')).toBe(
      '/srv/sy',
    );
    expect(catalogDir({ SWITCHYARD_CONFIG_DIR: 'rel' }, 'linux')).toBe(`${process.cwd()}/rel`);
  });

  it.each([
    ['linux', { HOME: '/home/a' }, '/home/a/.config/Switchyard'],
    ['linux', { HOME: '/home/a', XDG_CONFIG_HOME: '/xdg' }, '/xdg/Switchyard'],
    ['freebsd', { HOME: '/home/a' }, '/home/a/.config/Switchyard'],
    ['darwin', { HOME: '/Users/a' }, '/Users/a/Library/Application Support/Switchyard'],
    [
      'win32',
      { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' },
      'C:\\Users\\a\\AppData\\Roaming\\Switchyard',
    ],
    ['win32', { USERPROFILE: 'C:\\Users\\a' }, 'C:\\Users\\a\\AppData\\Roaming\\Switchyard'],
  ] as const)('matches Electron userData on %s (%j)', (platform, env, expected) => {
    expect(catalogDir(env, platform)).toBe(expected);
  });

  it('expands a leading ~/ (or a lone ~) in SWITCHYARD_CONFIG_DIR to the home folder', () => {
    expect(catalogDir({ SWITCHYARD_CONFIG_DIR: '~/sy', HOME: '/home/a' }, 'linux')).toBe(
      '/home/a/sy',
    );
    expect(catalogDir({ SWITCHYARD_CONFIG_DIR: '~', HOME: '/home/a' }, 'linux')).toBe('/home/a');
    // ~user is a shell feature with no meaning here: it stays a relative name.
    expect(catalogDir({ SWITCHYARD_CONFIG_DIR: '~bob/sy', HOME: '/home/a' }, 'linux')).toBe(
      `${process.cwd()}/~bob/sy`,
    );
  });

  it('an empty SWITCHYARD_CONFIG_DIR counts as unset', () => {
    expect(catalogDir({ SWITCHYARD_CONFIG_DIR: '', HOME: '/h' }, 'linux')).toBe(
      '/h/.config/Switchyard',
    );
  });
});
