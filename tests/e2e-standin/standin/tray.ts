/**
 * Tray, Menu and nativeImage: what main set (image file, tooltip, context
 * menu) is recorded for the test, and the test clicks the icon or a menu item
 * as a user would. An image file that does not exist is reported: Electron
 * would show an empty icon and say nothing.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { EventEmitter } from 'node:events';

import { preventableEvent } from './app';
import type { Rectangle } from './browser-window';
import { report, strict } from './report';

export class StandinNativeImage {
  private template = false;
  constructor(readonly path: string) {}
  static createFromPath(path: string): StandinNativeImage {
    if (!existsSync(path)) report({ kind: 'missing-image', file: basename(path) });
    return strict('NativeImage', new StandinNativeImage(path));
  }
  static createEmpty(): StandinNativeImage {
    return strict('NativeImage', new StandinNativeImage(''));
  }
  isEmpty(): boolean {
    return this.path === '' || !existsSync(this.path);
  }
  setTemplateImage(template: boolean): void {
    this.template = template;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
}

export interface MenuItemRecord {
  readonly label: string;
  readonly type: string;
  readonly enabled: boolean;
  readonly click: (() => void) | undefined;
}

interface MenuItemTemplate {
  readonly label?: string;
  readonly type?: string;
  readonly enabled?: boolean;
  readonly click?: (...args: unknown[]) => void;
  readonly submenu?: unknown;
}

export class StandinMenu {
  constructor(readonly items: MenuItemRecord[]) {}
  static buildFromTemplate(template: MenuItemTemplate[]): StandinMenu {
    const items = template.map((item) => {
      if (item.submenu !== undefined) report({ kind: 'unimplemented', what: 'Menu submenus' });
      const record: MenuItemRecord = {
        label: item.label ?? '',
        type: item.type ?? 'normal',
        enabled: item.enabled ?? true,
        click: item.click ? () => item.click?.(record, undefined, {}) : undefined,
      };
      return record;
    });
    return strict('Menu', new StandinMenu(items));
  }
}

const trays = new Set<StandinTray>();

/** Where a tray icon sits on the stand-in's one display (top-right panel). */
export const TRAY_BOUNDS: Rectangle = { x: 1800, y: 4, width: 24, height: 24 };

export class StandinTray extends EventEmitter {
  image: StandinNativeImage;
  tooltip = '';
  menu: StandinMenu | undefined;
  private destroyed = false;

  constructor(image: StandinNativeImage | string) {
    super();
    this.image = typeof image === 'string' ? StandinNativeImage.createFromPath(image) : image;
    trays.add(this);
    report({ kind: 'tray-created', image: basename(this.image.path) });
    return strict('Tray', this);
  }

  static current(): StandinTray | undefined {
    return [...trays].at(-1);
  }

  setImage(image: StandinNativeImage | string): void {
    this.image = typeof image === 'string' ? StandinNativeImage.createFromPath(image) : image;
    report({ kind: 'tray-image', image: basename(this.image.path), exists: !this.image.isEmpty() });
  }

  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }

  setContextMenu(menu: StandinMenu | null): void {
    this.menu = menu ?? undefined;
    report({ kind: 'tray-menu', labels: menu?.items.map((item) => item.label) ?? [] });
  }

  popUpContextMenu(menu?: StandinMenu): void {
    if (menu) this.menu = menu;
    report({ kind: 'tray-menu-popup' });
  }

  setIgnoreDoubleClickEvents(ignore: boolean): void {
    report({ kind: 'tray-ignore-double-click', ignore });
  }

  getBounds(): Rectangle {
    return { ...TRAY_BOUNDS };
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    trays.delete(this);
    report({ kind: 'tray-destroyed' });
  }

  /** The test's click on the icon. */
  click(): void {
    this.emit('click', preventableEvent(), this.getBounds(), { x: TRAY_BOUNDS.x + 4, y: 10 });
  }

  clickMenuItem(label: string): void {
    const item = this.menu?.items.find((candidate) => candidate.label === label);
    if (!item) throw new Error(`no tray menu item "${label}"`);
    if (!item.enabled || !item.click) throw new Error(`tray menu item "${label}" is disabled`);
    item.click();
  }
}
