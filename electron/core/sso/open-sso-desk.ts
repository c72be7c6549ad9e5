import { catalogDir } from '../catalog/catalog-paths';
import { auditTo } from '../audit/role-event';
import { CatalogStore, type CatalogBackingStoreFactory } from '../catalog/catalog-store';
import { resolveCredentialsPaths } from '../credentials/credentials-paths';
import type { SessionManager } from '../session/session-manager';
import { ssoCaBundle, ssoHomeDir } from './sso-environment';
import { SsoDesk, type SsoDeskDeps } from './sso-desk';

export interface OpenSsoDeskOptions {
  /** The running engine: its waiting roles resume, and it is told of the catalog a sync wrote. */
  readonly engine: Pick<SessionManager, 'signedIn' | 'catalogChanged'>;
  /** The same conf-compatible store the engine's catalog uses (the app passes electron-store's). */
  readonly createCatalogStore?: CatalogBackingStoreFactory;
  readonly openUrl: SsoDeskDeps['openUrl'];
  /** The engine's environment (config file, home, catalog folder, CA bundle); process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The catalog folder, when the engine was given one. */
  readonly configDir?: string;
}

/**
 * The tray's desk wired the way the engine finds things: ~/.aws/config (or
 * AWS_CONFIG_FILE), the token cache under $HOME, AWS_CA_BUNDLE, and the
 * engine's own catalog file.
 */
export function openSsoDesk(options: OpenSsoDeskOptions): SsoDesk {
  const env = options.env ?? process.env;
  const dir = options.configDir ?? catalogDir(env);
  return new SsoDesk({
    configPath: resolveCredentialsPaths(env).configPath,
    homeDir: ssoHomeDir(env),
    env,
    ca: () => ssoCaBundle(env),
    engine: options.engine,
    audit: auditTo(dir, 'tray'),
    openCatalog: () =>
      CatalogStore.open({
        dir,
        ...(options.createCatalogStore ? { createStore: options.createCatalogStore } : {}),
      }),
    catalogChanged: () => options.engine.catalogChanged(),
    openUrl: options.openUrl,
  });
}
