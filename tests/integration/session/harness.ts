import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { CredentialsFile } from '../../../electron/core/credentials/credentials-file';
import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../../../electron/core/session/create-session-engine';
import type { SessionManager } from '../../../electron/core/session/session-manager';
import type { SessionNotification } from '../../../electron/core/session/session-engine';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

export const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE1';
export const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSOURCEKEY1';
export const USER_FILE = `# mine\n[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`;

export interface Harness {
  readonly home: TempAwsHome;
  readonly clock: FakeClock;
  readonly secrets: MemorySecretStore;
  readonly notes: SessionNotification[];
  /** How many times the credentials file was written (one per round is the rule). */
  writes(): number;
  manager: SessionManager;
  /** Move fake time (the server's clock follows) and wait for the rounds it starts. */
  advance(ms: number): Promise<void>;
  restart(): Promise<SessionManager>;
  close(): Promise<void>;
}

/** A refresher-mode engine on fake time against the fault-injecting STS server. */
export async function startHarness(
  sts: FaultStsServer,
  options: {
    credentials?: string;
    concurrency?: number;
    roleDeadlineMs?: number;
    /** More environment for the engine (e.g. the Identity Center fakes' endpoints). */
    env?: Record<string, string>;
  } = {},
): Promise<Harness> {
  const home = createTempAwsHome({
    credentials: options.credentials ?? USER_FILE,
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint, ...options.env },
  });
  const clock = new FakeClock(Date.now());
  const secrets = new MemorySecretStore();
  const notes: SessionNotification[] = [];
  let writes = 0;
  const realApply = CredentialsFile.prototype.apply;
  const open = async (): Promise<SessionManager> => {
    const manager = await createSessionEngine({
      kind: 'daemon',
      configDir: home.switchyardConfigDir,
      env: home.env,
      clock,
      secrets,
      requestTimeoutMs: 3000,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.roleDeadlineMs ? { roleDeadlineMs: options.roleDeadlineMs } : {}),
    });
    manager.onNotification((n) => notes.push(n));
    return manager;
  };
  // Count writes that changed the file, through the real engine.
  CredentialsFile.prototype.apply = async function (this: CredentialsFile, changes) {
    const result = await realApply.call(this, changes);
    if (result.written) writes += 1;
    return result;
  };
  const harness: Harness = {
    home,
    clock,
    secrets,
    notes,
    writes: () => writes,
    manager: await open(),
    async advance(ms) {
      await clock.advanceAsync(ms);
      sts.setClockOffset(clock.now() - Date.now());
      await harness.manager.idle();
    },
    async restart() {
      await harness.manager.stop();
      harness.manager = await open();
      return harness.manager;
    },
    async close() {
      await harness.manager.stop();
      CredentialsFile.prototype.apply = realApply;
      home.cleanup();
    },
  };
  return harness;
}

export interface HarnessWorld {
  readonly sts: FaultStsServer;
  /** This test's harness, started on the default USER_FILE. */
  readonly h: Harness;
  /** Closes this test's harness and starts another with these options in its place. */
  reopen(options: Parameters<typeof startHarness>[1]): Promise<Harness>;
}

/**
 * Registers the hooks: one STS server for the file that knows the source user,
 * reset (no faults, no clock offset) before each test, and a fresh harness per
 * test, closed after it. The fields are valid inside tests and later hooks.
 */
export function useHarness(): HarnessWorld {
  let sts: FaultStsServer | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    sts = await startFaultStsServer();
    sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/dev');
  });
  afterAll(async () => {
    await sts?.close();
  });
  beforeEach(async () => {
    sts!.reset();
    sts!.setClockOffset(0);
    h = await startHarness(sts!);
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  return {
    get sts() {
      if (!sts) throw new Error('the STS server is only there while the file runs');
      return sts;
    },
    get h() {
      if (!h) throw new Error('the harness is only there while a test runs');
      return h;
    },
    async reopen(options) {
      await h?.close();
      h = await startHarness(sts!, options);
      return h;
    },
  };
}

export function profileSection(text: string, profile: string): string | undefined {
  const start = text.indexOf(`[${profile}]`);
  if (start === -1) return undefined;
  const next = text.indexOf('\n[', start + 1);
  return text.slice(start, next === -1 ? undefined : next + 1);
}

export function accessKeyOf(text: string, profile: string): string | undefined {
  return /aws_access_key_id = (\S+)/.exec(profileSection(text, profile) ?? '')?.[1];
}
