import { Menu, type MenuItemConstructorOptions } from 'electron';

import type { TrayMenuItem } from './tray-menu-model';

export interface TrayMenuActions {
  open(): void;
  openRole(roleId: string): void;
  refreshAll(): void;
  quit(): void;
}

/** Electron reads "&" in labels as a mnemonic marker on Windows and Linux; "&&" is a literal one. */
export function escapeMenuLabel(label: string): string {
  return label.replaceAll('&', '&&');
}

export function trayMenuTemplate(
  items: readonly TrayMenuItem[],
  actions: TrayMenuActions,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'open':
        return { label: escapeMenuLabel(item.label), click: () => actions.open() };
      case 'role':
        return {
          label: escapeMenuLabel(item.label),
          click: () => actions.openRole(item.roleId),
        };
      case 'note':
        return { label: escapeMenuLabel(item.label), enabled: false };
      case 'refresh-all':
        return {
          label: escapeMenuLabel(item.label),
          enabled: item.enabled,
          click: () => actions.refreshAll(),
        };
      case 'quit':
        return { label: escapeMenuLabel(item.label), click: () => actions.quit() };
      case 'separator':
        return { type: 'separator' };
      default: {
        const never: never = item;
        throw new Error(`unknown tray menu item ${JSON.stringify(never)}`);
      }
    }
  });
}

export function buildTrayMenu(items: readonly TrayMenuItem[], actions: TrayMenuActions): Menu {
  return Menu.buildFromTemplate(trayMenuTemplate(items, actions));
}
