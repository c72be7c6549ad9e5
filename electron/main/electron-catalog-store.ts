import { ipcMain } from 'electron';
import ElectronStore from 'electron-store';
import type { CatalogBackingStoreFactory } from '../core/catalog/catalog-file';

/**
 * electron-store registers this synchronous channel so renderers can build
 * stores of their own. Ours never do (the renderer reaches the catalog only
 * through the typed IPC contract), so the channel is removed again.
 */
const ELECTRON_STORE_CHANNEL = 'electron-store-get-data';

/**
 * The app's catalog through electron-store, in the Electron main process: the
 * same options, file (`cwd` is the CLI's config folder, given explicitly, so
 * electron-store's userData default never applies) and schema as the CLI's
 * conf. electron-store's Store is conf's Conf with `name` for `configName`.
 */
export const electronCatalogStore: CatalogBackingStoreFactory = ({ configName, ...options }) => {
  const store = new ElectronStore<Record<string, unknown>>({ ...options, name: configName });
  ipcMain.removeAllListeners(ELECTRON_STORE_CHANNEL);
  return store;
};
