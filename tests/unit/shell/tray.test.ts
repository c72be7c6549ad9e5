import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import { createAppTray } from '../../../electron/main/tray';
import { expiringThresholdMs } from '../../../electron/main/tray-state';
import { escapeMenuLabel } from '../../../electron/main/tray-menu';
import * as fake from './fake-electron';
import { HOUR, roleEntry, roleView, snapshotOf, T0 } from './shell-fixtures';

let clock: FakeClock;
const actions = {
  open: vi.fn(),
  openRole: vi.fn(),
  refreshAll: vi.fn(),
  quit: vi.fn(),
};
const onClick = vi.fn();

function trayOn(platform: NodeJS.Platform, snapshot = snapshotOf([])) {
  const appTray = createAppTray({ iconDir: '/icons', platform, clock, onClick, actions, snapshot });
  const tray = fake.Tray.instances.at(-1);
  if (!tray) throw new Error('no tray');
  return { appTray, tray };
}

beforeEach(() => {
  fake.resetFakeElectron();
  clock = new FakeClock(T0);
  vi.clearAllMocks();
});

describe('createAppTray', () => {
  it('macOS: a template image, clicks at once, right click pops the menu up, no context menu set', () => {
    const { appTray, tray } = trayOn('darwin');
    expect(tray.image).toMatchObject({ path: '/icons/tray-idleTemplate.png', template: true });
    expect(tray.ignoreDoubleClick).toBe(true);
    expect(tray.contextMenu).toBeUndefined();
    tray.emit('click');
    expect(onClick).toHaveBeenCalledTimes(1);
    tray.emit('right-click');
    expect(tray.poppedUp).toHaveLength(1);
    tray.bounds = { x: 1, y: 2, width: 3, height: 4 };
    expect(appTray.bounds()).toEqual({ x: 1, y: 2, width: 3, height: 4 });
  });

  it('Windows: a plain 16 px image with @2x, right click pops the menu up', () => {
    const { tray } = trayOn('win32');
    expect(tray.image).toMatchObject({ path: '/icons/tray-idle.png', template: false });
    expect(tray.contextMenu).toBeUndefined();
    tray.emit('right-click');
    expect(tray.poppedUp).toHaveLength(1);
  });

  it('Linux: the native menu is set from the start and reports no bounds', () => {
    const { appTray, tray } = trayOn('linux');
    expect(tray.image.path).toBe('/icons/tray-idle-linux.png');
    expect(tray.contextMenu?.template.map((item) => item.label ?? item.type)).toEqual([
      'Open Switchyard',
      'separator',
      'No active sessions',
      'separator',
      'Refresh all',
      'separator',
      'Quit Switchyard',
    ]);
    tray.bounds = { x: 1, y: 2, width: 3, height: 4 };
    expect(appTray.bounds()).toBeUndefined();
  });

  it('rebuilds the menu only when what it shows changes', () => {
    const { appTray, tray } = trayOn('linux');
    const active = snapshotOf([roleView('prod', { state: 'active', expiresAt: T0 + 3 * HOUR })]);
    appTray.update(active);
    appTray.update({ ...active, refresher: { active: false, heldBy: 'daemon' } });
    expect(tray.contextMenus).toHaveLength(2);
  });

  it('turns "expiring" on its own timer when a refresh is late, without a new snapshot', () => {
    const { appTray, tray } = trayOn('linux');
    const expiresAt = T0 + HOUR;
    const snapshot = snapshotOf([roleView('prod', { state: 'active', expiresAt })]);
    appTray.update(snapshot);
    expect(tray.image.path).toBe('/icons/tray-fresh-linux.png');
    expect(tray.tooltip).toBe('Switchyard: 1 active session');
    clock.advance(expiresAt - expiringThresholdMs(snapshot) - T0);
    expect(tray.image.path).toBe('/icons/tray-expiring-linux.png');
    expect(tray.tooltip).toBe('Switchyard: prod expires soon');
  });

  it('escapes "&" in labels so Windows and Linux do not read it as a mnemonic', () => {
    const { appTray, tray } = trayOn('linux');
    appTray.update(
      snapshotOf([
        {
          ...roleView('rd', { state: 'active', expiresAt: T0 + HOUR }),
          role: roleEntry('rd', { label: 'R&D' }),
        },
      ]),
    );
    expect(
      tray.contextMenu?.template.some((item) => String(item.label).startsWith('R&&D — ')),
    ).toBe(true);
    expect(escapeMenuLabel('a&&b&c')).toBe('a&&&&b&&c');
  });

  it('dispose destroys the icon and its timer', () => {
    const { appTray, tray } = trayOn('linux');
    appTray.update(snapshotOf([roleView('prod', { state: 'active', expiresAt: T0 + HOUR })]));
    appTray.dispose();
    expect(tray.destroyed).toBe(true);
    expect(clock.pendingTimers()).toBe(0);
  });
});
