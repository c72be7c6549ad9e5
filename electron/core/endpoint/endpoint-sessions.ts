import type { RoleEntry } from '../../../shared/model';
import type { SessionCredentials } from '../secret';
import { issueCredentials } from '../session/console-access';
import type { Live } from '../session/live-session';
import type { RoleAssumer } from '../session/role-assumer';
import type { AuditSink } from '../audit/role-event';
import { readProfileSession } from '../session/role-sources';
import { failureView } from '../session/session-failure';
import { EndpointUnavailable, type ServedCredentials } from './credential-endpoint';
import type { RoleLookup } from './endpoint-catalog';

export interface EndpointSessionsDeps {
  /** The role and the user's refresh margin in ms, from one catalog read (EndpointCatalog). */
  readonly lookup: (roleId: string) => RoleLookup;
  readonly live: (roleId: string) => Live | undefined;
  readonly credentialsPath: string;
  readonly now: () => number;
  readonly assumer: RoleAssumer;
  /** Told of each side session issued for a grant (an `endpoint-grant` line). */
  readonly audit?: AuditSink;
}

interface SideSession {
  readonly credentials: SessionCredentials;
  readonly issuedAt: number;
}

/**
 * The credentials the endpoint serves for a role: its live session while that
 * has more than the refresh margin left, otherwise a session of its own from
 * STS, kept in this process's memory only (never in the credentials file) and
 * reused until it in turn is inside the margin. So a child that runs for a day
 * is never handed a key about to expire, whether or not the role is active.
 */
export class EndpointSessions {
  readonly #deps: EndpointSessionsDeps;
  readonly #side = new Map<string, SideSession>();
  readonly #pending = new Map<string, Promise<SideSession>>();
  /** What was served last for each role (see credentialsFor). */
  readonly #served = new Map<string, ServedCredentials>();
  /** Sessions read back from the credentials file, with the Live they were read for. */
  readonly #read = new Map<
    string,
    { readonly live: Live; readonly credentials: SessionCredentials }
  >();

  constructor(deps: EndpointSessionsDeps) {
    this.#deps = deps;
  }

  /**
   * What to serve for the role: synchronous whenever the session is at hand
   * (in memory, or read from the file before for this Live), and then the same
   * ServedCredentials object as last time while session and ARN are unchanged,
   * so the endpoint builds its answer once per session (AnswerBodies).
   */
  credentialsFor(roleId: string): ServedCredentials | Promise<ServedCredentials> {
    const deps = this.#deps;
    const { role, marginMs } = deps.lookup(roleId);
    if (!role) {
      throw new EndpointUnavailable(
        'RoleNotFound',
        `role ${roleId} is no longer in Switchyard's catalog; grant a role that is`,
      );
    }
    const now = deps.now();
    const live = deps.live(roleId);
    if (
      live?.inFile &&
      live.expiresAt !== undefined &&
      fresh(live.expiresAt, live.issuedAt, now, marginMs)
    ) {
      const inMemory = live.credentials ?? this.#keptRead(roleId, live);
      if (inMemory) return this.#serve(role, inMemory);
      return this.#fromFile(roleId, live, live.expiresAt, role.profile).then((read) =>
        read ? this.#serve(role, read) : this.#sideOrAssume(role, now, marginMs),
      );
    }
    return this.#sideOrAssume(role, now, marginMs);
  }

  /** Forgets side sessions of roles no longer served (removed from the catalog). */
  forget(keep: (roleId: string) => boolean): void {
    for (const roleId of [...this.#side.keys()]) if (!keep(roleId)) this.#side.delete(roleId);
    for (const roleId of [...this.#read.keys()]) if (!keep(roleId)) this.#read.delete(roleId);
    for (const roleId of [...this.#served.keys()]) if (!keep(roleId)) this.#served.delete(roleId);
  }

  #sideOrAssume(
    role: RoleEntry,
    now: number,
    marginMs: number,
  ): ServedCredentials | Promise<ServedCredentials> {
    const side = this.#side.get(role.id);
    if (side && fresh(side.credentials.expiresAt, side.issuedAt, now, marginMs)) {
      return this.#serve(role, side.credentials);
    }
    return this.#assume(role).then(
      (issued) => this.#serve(role, issued.credentials),
      (error: unknown) => {
        // The engine's own sorting: a code the SDKs show and one line that names the fix.
        const view = failureView(error);
        throw new EndpointUnavailable(view.code, view.message);
      },
    );
  }

  /** The same object as last time for the same session and ARN; a new one when either changed. */
  #serve(role: RoleEntry, credentials: SessionCredentials): ServedCredentials {
    const last = this.#served.get(role.id);
    if (last?.credentials === credentials && last.roleArn === role.roleArn) return last;
    const served: ServedCredentials = { credentials, roleArn: role.roleArn };
    this.#served.set(role.id, served);
    return served;
  }

  /** What #fromFile read for this very Live, if it did. */
  #keptRead(roleId: string, live: Live): SessionCredentials | undefined {
    const kept = this.#read.get(roleId);
    return kept?.live === live ? kept.credentials : undefined;
  }

  /**
   * A live session the engine holds only in the file (recovered at start-up,
   * so until its first refresh): read once for that Live, not per request. A
   * Live is replaced, never mutated, so any change of the engine's view of the
   * role (a refresh, an expiry, a moved profile) is a new object and a new read.
   */
  async #fromFile(
    roleId: string,
    live: Live,
    expiresAt: number,
    profile: string,
  ): Promise<SessionCredentials | undefined> {
    const kept = this.#keptRead(roleId, live);
    if (kept) return kept;
    const path = this.#deps.credentialsPath;
    const credentials = await readProfileSession(path, live.profile ?? profile, expiresAt);
    if (credentials) this.#read.set(roleId, { live, credentials });
    else this.#read.delete(roleId);
    return credentials;
  }

  /** One STS call per role at a time, however many clients ask at once. */
  #assume(role: RoleEntry): Promise<SideSession> {
    const pending = this.#pending.get(role.id);
    if (pending) return pending;
    const deps = this.#deps;
    const issuedAt = deps.now();
    const call = issueCredentials(
      // No live session: issueCredentials goes to STS (with its one-line MFA and sign-in errors).
      {
        role,
        live: undefined,
        credentialsPath: deps.credentialsPath,
        now: issuedAt,
        ...(deps.audit ? { audit: deps.audit } : {}),
      },
      deps.assumer,
      { event: 'endpoint-grant' },
    )
      .then((credentials) => {
        const side = { credentials, issuedAt };
        this.#side.set(role.id, side);
        return side;
      })
      .finally(() => this.#pending.delete(role.id));
    this.#pending.set(role.id, call);
    return call;
  }
}

/**
 * Outside the margin. A session shorter than the margin (15 minutes against a
 * 20-minute margin) would be stale the moment it is issued: for it, half its
 * life is the margin, as the refresh planner does.
 */
function fresh(
  expiresAt: number,
  issuedAt: number | undefined,
  now: number,
  marginMs: number,
): boolean {
  const margin = issuedAt === undefined ? marginMs : Math.min(marginMs, (expiresAt - issuedAt) / 2);
  return expiresAt - now > margin;
}
