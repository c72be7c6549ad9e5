import type { ConsoleMode } from '../../shared/ipc-contract';
import { catalogDir } from '../core/catalog/catalog-paths';
import { withRecentService } from '../core/catalog/check-console-browser';
import { openConsoleIn } from '../core/console/launch-browser';
import {
  prepareBrowserTarget,
  resolveBrowserTarget,
  systemBrowserLookup,
} from '../core/console/resolve-browser';
import type { SessionEngine } from '../core/session/session-engine';
import { activateFirst } from './activate-first';

/** What opening needs from the shell: the system browser goes through Electron's openExternal. */
export interface ConsoleShell {
  openAwsUrl(url: string): Promise<void>;
}

type ConsoleEngine = Pick<SessionEngine, 'snapshot' | 'consoleUrl' | 'subscribe' | 'activate'>;

/**
 * The console URL for a role. A federated sign-in needs a live session, so a
 * role without one is activated first (through the MFA prompt if it needs a
 * code), as "Copy export" does; the switch-role link needs none.
 */
export async function roleConsoleUrl(
  engine: ConsoleEngine,
  roleId: string,
  mode: ConsoleMode,
  service?: string,
): Promise<string> {
  if (mode === 'federated') await activateFirst(engine, roleId, 'the console was not opened');
  return service === undefined
    ? engine.consoleUrl(roleId, mode)
    : engine.consoleUrl(roleId, mode, { service });
}

/**
 * Opens a role's console where the role says (its own setting, else the
 * settings' default): the system browser through the shell as before, or a
 * browser Switchyard starts with the role's profile or container. A sign-in
 * link reaches any browser only through a one-time loopback redirect.
 */
export async function openRoleConsole(
  engine: ConsoleEngine,
  shell: ConsoleShell,
  roleId: string,
  mode: ConsoleMode,
  service?: string,
): Promise<void> {
  const snapshot = engine.snapshot();
  const view = snapshot.roles.find((candidate) => candidate.role.id === roleId);
  if (!view) throw new Error('that role is no longer in the catalog');
  const setting = view.role.console ?? snapshot.settings.consoleBrowser;
  const url = await roleConsoleUrl(engine, roleId, mode, service);
  if (setting === undefined || setting.browser === 'default') {
    await shell.openAwsUrl(url);
    return;
  }
  const target = resolveBrowserTarget(
    setting,
    view.role,
    catalogDir(process.env),
    systemBrowserLookup(process.env),
    'console browser',
  );
  prepareBrowserTarget(target);
  const secret = new URL(url).searchParams.has('SigninToken');
  // Not awaited to the end: the redirect waits for the browser, the popup need not.
  void openConsoleIn(target, url, secret).catch(() => undefined);
}

/** "Open in…": the page of `service`, which then leads the recent services. */
export async function openRoleConsoleAt(
  engine: ConsoleEngine & Pick<SessionEngine, 'updateSettings'>,
  shell: ConsoleShell,
  roleId: string,
  mode: ConsoleMode,
  service: string,
): Promise<void> {
  await openRoleConsole(engine, shell, roleId, mode, service);
  const recent = engine.snapshot().settings.recentServices;
  await engine.updateSettings({ recentServices: withRecentService(recent, service) });
}
