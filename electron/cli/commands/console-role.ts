import { checkBrowserChoice, type ConsoleBrowserSetting } from '../../../shared/console-browser';
import { checkRegionInPartition } from '../../../shared/console-destination';
import { checkService } from '../../../shared/console-services';
import { InputError } from '../../../shared/input-error';
import { isLoopbackHostname } from '../../../shared/loopback';
import type { RoleEntry, Settings } from '../../../shared/model';
import { parseRoleArn } from '../../../shared/role-arn';
import { catalogDir } from '../../core/catalog/catalog-paths';
import { requireRole } from '../../core/catalog/find-role';
import {
  browserCommand,
  printableCommand,
  type BrowserTarget,
} from '../../core/console/browser-command';
import { multiSessionNote, noteOpened } from '../../core/console/console-ledger';
import { openConsoleIn } from '../../core/console/launch-browser';
import { redirectExpiredMessage } from '../../core/console/open-secret-url';
import {
  prepareBrowserTarget,
  resolveBrowserTarget,
  systemBrowserLookup,
} from '../../core/console/resolve-browser';
import { openCliEngine } from './sessions/engine';

export interface RoleConsoleArgs {
  readonly name: string;
  readonly federated: boolean;
  readonly service?: string;
  readonly region?: string;
  readonly browser?: string;
  readonly print: boolean;
}

/** The flag's choice, else the role's own, else the settings' default, else the system browser. */
function browserSetting(
  args: RoleConsoleArgs,
  role: RoleEntry,
  settings: Settings,
): ConsoleBrowserSetting {
  if (args.browser !== undefined) return { browser: args.browser };
  return role.console ?? settings.consoleBrowser ?? { browser: 'default' };
}

function refusePrintingSignIn(target: BrowserTarget): void {
  if (target.kind === 'default') return;
  throw new InputError(
    '--print',
    '--print: a browser gets a sign-in link only through a one-time loopback redirect that lives while this command runs, and the link itself never goes into a command line; drop --print to open it, or drop --browser to print the link',
  );
}

/** What `console <id|label>` shows or opens; returns once the browser has the page. */
export async function consoleForRole(args: RoleConsoleArgs): Promise<void> {
  // Bad flags fail before the catalog is even read.
  const service = args.service === undefined ? undefined : checkService(args.service, '--service');
  if (args.browser !== undefined) checkBrowserChoice(args.browser, '--browser');
  const engine = await openCliEngine();
  try {
    const snapshot = engine.snapshot();
    const role = requireRole(
      snapshot.roles.map((view) => view.role),
      args.name,
      'role',
    );
    const partition = parseRoleArn(role.roleArn).partition;
    const region =
      args.region === undefined
        ? undefined
        : checkRegionInPartition(partition, args.region, '--region');
    const configDir = catalogDir(process.env);
    const target = resolveBrowserTarget(
      browserSetting(args, role, snapshot.settings),
      role,
      configDir,
      systemBrowserLookup(process.env),
      args.browser === undefined ? 'console browser' : '--browser',
    );
    // An Identity Center role always signs in with its own session.
    const federated = args.federated || role.source.kind === 'sso';
    if (args.print && federated) refusePrintingSignIn(target);
    const url = await engine.consoleUrl(role.id, federated ? 'federated' : 'switch-role', {
      ...(service === undefined ? {} : { service }),
      ...(region === undefined ? {} : { region }),
    });
    if (args.print) {
      const line = target.kind === 'default' ? url : printableCommand(browserCommand(target, url));
      process.stdout.write(`${line}\n`);
      return;
    }
    if (target.kind === 'default') {
      const note = multiSessionNote((await noteOpened(configDir, role.roleArn, Date.now())).length);
      if (note !== undefined) process.stderr.write(`switchyard: note: ${note}\n`);
    }
    prepareBrowserTarget(target);
    const endpoint = process.env.SWITCHYARD_SIGNIN_ENDPOINT;
    const outcome = await openConsoleIn(target, url, federated, {
      allowLoopback:
        endpoint !== undefined && endpoint !== '' && isLoopbackHostname(new URL(endpoint).hostname),
    });
    if (federated && outcome !== 'served') throw new Error(redirectExpiredMessage());
  } finally {
    await engine.stop();
  }
}
