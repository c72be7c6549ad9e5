import type { AccountName, AccountPatch } from '../../../shared/account-name';
import { vi } from 'vitest';

import type {
  SessionEngine,
  SessionNotification,
} from '../../../electron/core/session/session-engine';
import type { ConsoleMode, RoleForm } from '../../../shared/ipc-contract';
import {
  DEFAULT_SETTINGS,
  type RoleEntry,
  type RoleView,
  type Settings,
  type Snapshot,
} from '../../../shared/model';
import type {
  SsoProgress,
  SsoSessionView,
  SsoSignInRequest,
  SsoSignOutSummary,
  SsoSyncSummary,
} from '../../../shared/sso-views';

export const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;

export function roleEntry(id: string, overrides: Partial<RoleEntry> = {}): RoleEntry {
  return {
    id,
    label: id,
    roleArn: `arn:aws:iam::123456789012:role/${id}`,
    profile: id,
    source: { kind: 'profile', profile: 'login' },
    tags: [],
    ...overrides,
  };
}

export function roleView(id: string, overrides: Partial<RoleView> = {}): RoleView {
  return { role: roleEntry(id), state: 'inactive', isDefault: false, chained: false, ...overrides };
}

export function snapshotOf(
  roles: readonly RoleView[],
  overrides: Partial<Snapshot> = {},
): Snapshot {
  return {
    roles,
    mfaPrompts: [],
    signInPrompts: [],
    settings: DEFAULT_SETTINGS,
    refresher: { active: true },
    ...overrides,
  };
}

/** Credentials a real engine would hold in memory; they must never reach the renderer. */
export const PLANTED = {
  accessKeyId: 'ASIAPLANTEDKEY000001',
  secretAccessKey: 'plAntedSecretAccessKey/ForTests+12345678',
  sessionToken: `IQoJb3JpZ2luX2VjEPlantedSessionToken${'x'.repeat(200)}`,
} as const;

/**
 * A SessionEngine for shell tests: every verb is a vi.fn, snapshots and
 * notifications are emitted on demand. It holds live-looking credentials in
 * its internals, and with `leaky` its snapshot views even carry them in an
 * extra field, as a careless engine might.
 */
export class FakeEngine implements SessionEngine {
  current: Snapshot;
  leaky = false;
  readonly credentials = new Map<string, typeof PLANTED>();
  readonly #snapshotListeners = new Set<(snapshot: Snapshot) => void>();
  readonly #notificationListeners = new Set<(notification: SessionNotification) => void>();

  readonly activate = vi.fn(async (roleId: string) => {
    this.credentials.set(roleId, PLANTED);
  });
  readonly activateAll = vi.fn(async (roleIds: readonly string[]) => {
    for (const roleId of roleIds) this.credentials.set(roleId, PLANTED);
  });
  readonly deactivate = vi.fn(async (_roleId: string) => undefined);
  readonly refresh = vi.fn(async (_roleId: string | null) => undefined);
  readonly setDefault = vi.fn(async (_roleId: string | null) => undefined);
  readonly submitMfaCode = vi.fn(async (_sourceKey: string, _code: string) => undefined);
  readonly signedIn = vi.fn(async (_session: string) => 0);
  readonly addRole = vi.fn(async (form: RoleForm): Promise<RoleEntry> => ({
    ...form,
    id: 'new-role',
    tags: form.tags ?? [],
  }));
  readonly updateRole = vi.fn(async (roleId: string, form: RoleForm): Promise<RoleEntry> => ({
    ...form,
    id: roleId,
    tags: form.tags ?? [],
  }));
  readonly removeRole = vi.fn(async (_roleId: string) => undefined);
  readonly updateSettings = vi.fn(async (patch: Partial<Settings>): Promise<Settings> => ({
    ...this.current.settings,
    ...patch,
  }));
  readonly previewImport = vi.fn(async () => ({
    configPath: '/home/u/.aws/config',
    shownPath: '~/.aws/config',
    configExists: true,
    found: { roleProfiles: 0, ssoProfiles: 0, ssoSessions: 0 },
    toAdd: [],
    toUpdate: [],
    skipped: [],
  }));
  readonly applyImport = vi.fn(async (_only?: readonly string[] | null) => ({
    added: 0,
    updated: 0,
  }));
  readonly recentActivity = vi.fn(async () => []);
  readonly sourceProfiles = vi.fn(async () => [{ name: 'login', where: 'credentials' as const }]);
  readonly updateAccount = vi.fn(
    async (_accountId: string, patch: AccountPatch): Promise<AccountName> => ({
      ...(typeof patch.alias === 'string' ? { alias: patch.alias, aliasFrom: 'user' } : {}),
      ...(typeof patch.color === 'string' ? { color: patch.color } : {}),
    }),
  );
  readonly consoleUrl = vi.fn(
    async (_roleId: string, _mode: ConsoleMode) =>
      `https://signin.aws.amazon.com/federation?Action=login&SigninToken=${PLANTED.sessionToken}`,
  );
  readonly profileOf = vi.fn((roleId: string) => roleId);
  readonly resume = vi.fn();
  readonly setOnline = vi.fn();
  readonly stop = vi.fn(async () => undefined);

  constructor(snapshot: Snapshot) {
    this.current = snapshot;
    this.credentials.set('planted', PLANTED);
  }

  snapshot(): Snapshot {
    if (!this.leaky) return this.current;
    return {
      ...this.current,
      roles: this.current.roles.map((view) => ({
        ...view,
        credentials: this.credentials.get(view.role.id) ?? PLANTED,
      })),
      internals: { credentials: [...this.credentials.values()] },
    } as Snapshot;
  }

  subscribe(listener: (snapshot: Snapshot) => void): () => void {
    this.#snapshotListeners.add(listener);
    return () => this.#snapshotListeners.delete(listener);
  }

  onNotification(listener: (notification: SessionNotification) => void): () => void {
    this.#notificationListeners.add(listener);
    return () => this.#notificationListeners.delete(listener);
  }

  /** Replaces the snapshot and tells subscribers, as the engine does after every change. */
  emit(snapshot: Snapshot): void {
    this.current = snapshot;
    const sent = this.snapshot();
    for (const listener of this.#snapshotListeners) listener(sent);
  }

  notify(notification: SessionNotification): void {
    for (const listener of this.#notificationListeners) listener(notification);
  }

  listenerCount(): number {
    return this.#snapshotListeners.size + this.#notificationListeners.size;
  }
}

/** A token a careless desk might hand out with its views; it must never reach the renderer. */
export const PLANTED_SSO_TOKEN = 'aoaAAAAAGPlantedSsoAccessToken0123456789';

/**
 * The Identity Center desk for shell tests: every verb a vi.fn; with `leaky`
 * its views carry an access token in an extra field, as a careless desk might.
 */
export class FakeSsoDesk {
  leaky = false;
  current: SsoProgress = { phase: 'idle' };
  readonly #listeners = new Set<(progress: SsoProgress) => void>();

  readonly #leak = <T extends object>(view: T): T =>
    this.leaky ? ({ ...view, accessToken: PLANTED_SSO_TOKEN } as T) : view;

  readonly sessions = vi.fn(async (): Promise<SsoSessionView[]> => [
    this.#leak({
      name: 'corp',
      startUrl: 'https://d-1.awsapps.com/start',
      region: 'us-east-1',
      signedIn: true,
      refreshable: true,
      expiresAt: T0 + HOUR,
    }),
  ]);
  readonly progress = vi.fn((): SsoProgress => this.#leak(this.current));
  readonly signIn = vi.fn(async (_request: SsoSignInRequest) => undefined);
  readonly cancel = vi.fn(() => undefined);
  readonly openVerificationPage = vi.fn(async () => undefined);
  readonly sync = vi.fn(async (session: string): Promise<SsoSyncSummary> =>
    this.#leak({ session, added: 2, updated: 0, gone: 1 }),
  );
  readonly signOut = vi.fn(async (_session: string): Promise<SsoSignOutSummary> =>
    this.#leak({ revoked: true, deleted: true }),
  );

  onProgress(listener: (progress: SsoProgress) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(progress: SsoProgress): void {
    this.current = progress;
    for (const listener of this.#listeners) listener(this.#leak(progress));
  }
}
