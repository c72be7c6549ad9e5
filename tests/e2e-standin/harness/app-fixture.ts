/**
 * One launch of the built app for a test file: the fault STS server, a
 * temporary HOME with the user's long-term keys and a catalog, the app started
 * through the stand-in and waited for until its popup page has loaded.
 */
import { randomBytes } from 'node:crypto';

import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import type { StandinEvent } from '../standin/report';
import { launchApp, type RunningApp } from './launch-app';

export const SOURCE_KEY = 'AKIAIOSFODNN7STANDIN1';
export const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSTANDIN01';

/**
 * The user's long-term keys, under a profile name of this run's own: the app
 * keeps MFA sessions in the OS keychain per source (`mfa/profile:<name>`), and
 * a name shared across runs would hand one run the session of another.
 */
function userCredentials(profile: string): string {
  return `[${profile}]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`;
}

export interface CatalogRole {
  readonly label: string;
  readonly roleArn: string;
  readonly profile: string;
  /** The MFA device serial of the source, when the role's trust needs MFA. */
  readonly mfaSerial?: string;
  readonly group?: string;
  readonly color?: string;
}

export interface AppFixture {
  readonly sts: FaultStsServer;
  /** The profile of the user's long-term keys every role is assumed from. */
  readonly sourceProfile: string;
  readonly home: TempAwsHome;
  readonly app: RunningApp;
  /** Role ids by label. */
  readonly roleIds: Record<string, string>;
  close(): Promise<void>;
}

/** Events that mean the stand-in or the page met something it must not ignore. */
export const PROBLEM_KINDS = new Set([
  'unimplemented',
  'console-error',
  'page-error',
  'preload-error',
  'missing-image',
  'navigation-not-intercepted',
  'ipc-no-handler',
  'standin-error',
]);

export function problems(events: readonly StandinEvent[]): StandinEvent[] {
  return events.filter((event) => PROBLEM_KINDS.has(event.kind));
}

export function writeCatalog(
  dir: string,
  roles: readonly CatalogRole[],
  sourceProfile: string,
): Record<string, string> {
  const catalog = CatalogStore.open({ dir });
  const ids: Record<string, string> = {};
  for (const role of roles) {
    ids[role.label] = catalog.add({
      label: role.label,
      roleArn: role.roleArn,
      profile: role.profile,
      source: { kind: 'profile', profile: sourceProfile },
      ...(role.mfaSerial ? { mfaSerial: role.mfaSerial } : {}),
      ...(role.group ? { group: role.group } : {}),
      ...(role.color ? { color: role.color } : {}),
    }).id;
  }
  catalog.close();
  return ids;
}

export async function startAppFixture(
  roles: readonly CatalogRole[],
  env: Record<string, string> = {},
): Promise<AppFixture> {
  const sts = await startFaultStsServer();
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/standin');
  const sourceProfile = `standin-${randomBytes(4).toString('hex')}`;
  const home = createTempAwsHome({
    credentials: userCredentials(sourceProfile),
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint, ...env },
  });
  const roleIds = writeCatalog(home.switchyardConfigDir, roles, sourceProfile);
  let app: RunningApp | undefined;
  try {
    app = await launchApp({ env: home.env });
    await app.waitForEvent((e) => e.kind === 'ready-to-show', 'the popup page loaded', 60_000);
  } catch (error) {
    await app?.stop();
    await sts.stop();
    home.cleanup();
    throw error;
  }
  const running = app;
  return {
    sts,
    sourceProfile,
    home,
    app: running,
    roleIds,
    async close() {
      await running.stop();
      await sts.stop();
      home.cleanup();
    },
  };
}
