import type { RoleEntry } from '../../../shared/model';
import type { ProfileChange } from '../credentials/credentials-file';
import type { Live } from './live-session';

/** The fields that decide which session a role gets: a change means a new AssumeRole. */
export function assumeShape(role: RoleEntry): string {
  const { roleArn, source, externalId, mfaSerial, sessionName } = role;
  return JSON.stringify([
    roleArn,
    source,
    externalId ?? null,
    mfaSerial ?? null,
    sessionName ?? null,
  ]);
}

export interface ReconcileInput {
  readonly sessions: readonly (readonly [string, Live])[];
  readonly roles: ReadonlyMap<string, RoleEntry>;
  /** assumeShape of each role when its session was last assumed. */
  readonly shapes: ReadonlyMap<string, string>;
  /** The default role as last seen: its [default] profile goes with it. */
  readonly previousDefault: string | undefined;
  readonly now: number;
}

export interface ReconcilePlan {
  /** Sessions of roles gone from the catalog. */
  readonly dropped: readonly string[];
  /** Sessions that now write another profile. `written`: the live session went there in `changes`. */
  readonly moved: readonly {
    readonly roleId: string;
    readonly to: string;
    readonly written: boolean;
  }[];
  /** Need a new session: the role now names another identity, or a moved session is not at hand. */
  readonly renew: readonly string[];
  /** One credentials-file write: old profiles out, moved sessions in. */
  readonly changes: readonly ProfileChange[];
}

/**
 * Pure: what a catalog change (from this process, another one, an import or
 * a hand edit) means for the live sessions. The profile a session wrote is
 * in its Live record, so a renamed profile or a removed role is found by
 * comparing, whoever changed the file and however often this runs.
 */
export function planCatalogReconcile(input: ReconcileInput): ReconcilePlan {
  const dropped: string[] = [];
  const moved: { roleId: string; to: string; written: boolean }[] = [];
  const renew: string[] = [];
  const changes: ProfileChange[] = [];
  for (const [id, live] of input.sessions) {
    const role = input.roles.get(id);
    if (!role) {
      dropped.push(id);
      if (live.inFile && live.profile) changes.push({ type: 'remove', profile: live.profile });
      if (live.inFile && input.previousDefault === id)
        changes.push({ type: 'remove', profile: 'default' });
      continue;
    }
    const shape = input.shapes.get(id);
    const reshaped = shape !== undefined && shape !== assumeShape(role);
    if (live.profile !== undefined && live.profile !== role.profile) {
      if (live.inFile) changes.push({ type: 'remove', profile: live.profile });
      const credentials = live.credentials;
      const usable =
        !reshaped && live.inFile && credentials !== undefined && credentials.expiresAt > input.now;
      if (usable) {
        changes.push({ type: 'put', profile: role.profile, credentials, roleArn: role.roleArn });
      } else if (live.inFile && !reshaped) {
        renew.push(id);
      }
      moved.push({ roleId: id, to: role.profile, written: usable });
    }
    if (reshaped) renew.push(id);
  }
  return { dropped, moved, renew, changes };
}
