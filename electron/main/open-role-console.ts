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

/** What opening needs from the shell: the system browser goes through Electron's openExternal. */
export interface ConsoleShell {
  openAwsUrl(url: string): Promise<void>;
}

/**
 * Opens a role's console where the role says (its own setting, else the
 * settings' default): the system browser through the shell as before, or a
 * browser Switchyard starts with the role's profile or container. A sign-in
 * link reaches any browser only through a one-time loopback redirect.
 */
export async function openRoleConsole(
  engine: Pick<SessionEngine, 'snapshot' | 'consoleUrl'>,
  shell: ConsoleShell,
  roleId: string,
  mode: ConsoleMode,
  service?: string,
): Promise<void> {
  const snapshot = engine.snapshot();
  const view = snapshot.roles.find((candidate) => candidate.role.id === roleId);
  if (!view) throw new Error(`no role with id ${roleId}`);
  const setting = view.role.console ?? snapshot.settings.consoleBrowser;
  const url =
    service === undefined
      ? await engine.consoleUrl(roleId, mode)
      : await engine.consoleUrl(roleId, mode, { service });
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
  engine: Pick<SessionEngine, 'snapshot' | 'consoleUrl' | 'updateSettings'>,
  shell: ConsoleShell,
  roleId: string,
  mode: ConsoleMode,
  service: string,
): Promise<void> {
  await openRoleConsole(engine, shell, roleId, mode, service);
  const recent = engine.snapshot().settings.recentServices;
  await engine.updateSettings({ recentServices: withRecentService(recent, service) });
}
