/**
 * The world the CLI integration tests start from: one fault-injecting STS
 * server for the file, knowing a long-term user; per test, a fresh temp AWS
 * home whose credentials file holds that user as the `source` profile, and a
 * catalog with the role `Dev admin` (profile `dev`) assumed from it. Daemons a
 * test started (tests/support/daemon.ts) are killed and the home removed after
 * each test.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { CatalogStore } from '../../electron/core/catalog/catalog-store';
import { killAllDaemons } from './daemon';
import { startFaultStsServer, type FaultStsServer } from './fault-sts-server';
import { runCli, type RunResult } from './run-cli';
import { createTempAwsHome, type TempAwsHome } from './temp-aws-home';

export const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE1';
export const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSOURCEKEY1';
/** The user's own credentials file: only the `source` profile. */
export const USER_FILE = `[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`;

export interface SourceRoleHome {
  readonly sts: FaultStsServer;
  readonly home: TempAwsHome;
  /** The id of `Dev admin` in this test's catalog. */
  readonly roleId: string;
  /** Adds a role `arn:aws:iam::210987654321:role/<roleName>` assumed from `source`; returns its id. */
  addRole(label: string, roleName: string, profile: string): string;
  /** `switchyard <args>` in its own process, with the test home's environment. */
  cli(args: string[]): Promise<RunResult>;
}

/** Registers the hooks; the fields are valid inside tests and hooks registered after this call. */
export function useSourceRoleHome(): SourceRoleHome {
  let sts: FaultStsServer | undefined;
  let home: TempAwsHome | undefined;
  let roleId = '';
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only there while a test runs`);
    return value;
  };
  const world: SourceRoleHome = {
    get sts() {
      return started(sts, 'the STS server');
    },
    get home() {
      return started(home, 'the test home');
    },
    get roleId() {
      return roleId;
    },
    addRole(label, roleName, profile) {
      const catalog = CatalogStore.open({ dir: world.home.switchyardConfigDir });
      try {
        return catalog.add({
          label,
          roleArn: `arn:aws:iam::210987654321:role/${roleName}`,
          profile,
          source: { kind: 'profile', profile: 'source' },
        }).id;
      } finally {
        catalog.close();
      }
    },
    cli: (args) => runCli(args, { env: world.home.env }),
  };

  beforeAll(async () => {
    sts = await startFaultStsServer();
    sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/dev');
  });
  afterAll(async () => {
    await sts?.close();
  });
  beforeEach(() => {
    home = createTempAwsHome({
      credentials: USER_FILE,
      env: { AWS_ENDPOINT_URL_STS: world.sts.endpoint },
    });
    roleId = world.addRole('Dev admin', 'dev-admin', 'dev');
  });
  afterEach(() => {
    killAllDaemons();
    home?.cleanup();
    home = undefined;
  });
  return world;
}
