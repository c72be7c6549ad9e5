import { startSsoUpkeep, type SsoEngineParts } from '../sso/open-sso-role-sessions';
import { AccountAliasLookup } from './account-alias-lookup';
import type { LiveSessions } from './live-sessions';
import type { SessionManagerDeps } from './session-deps';
import type { SnapshotPublisher } from './snapshot-publisher';

export interface RefresherUpkeepParts {
  readonly deps: SessionManagerDeps;
  readonly sessions: LiveSessions;
  readonly publisher: SnapshotPublisher;
  readonly sso: SsoEngineParts;
  /** Resumes the roles waiting on an Identity Center session (SessionManager.signedIn). */
  readonly signedIn: (session: string) => Promise<number>;
}

export interface RefresherUpkeep {
  /** Names accounts after their IAM alias once a role of theirs is active. */
  readonly aliases: AccountAliasLookup;
  /** Stops watching and renewing Identity Center tokens. */
  readonly stop: () => void;
}

/**
 * What only the refresher (the tray, the daemon) runs beside the engine, so no
 * one-shot command waits on it: Identity Center token upkeep (a sign-in made
 * anywhere resumes the roles waiting on it) and the account alias lookups
 * after activations.
 */
export function startRefresherUpkeep(parts: RefresherUpkeepParts): RefresherUpkeep {
  const { deps, sessions, publisher } = parts;
  const resume = (session: string): void => {
    parts
      .signedIn(session)
      .catch((error: unknown) =>
        publisher.reportError(`resuming the roles of ${session} after a sign-in`, error),
      );
  };
  const stopSso = startSsoUpkeep(parts.sso, deps.clock, (l) => publisher.subscribe(l), resume);
  // A token refreshed or signed in again between rounds moves its roles' lapse: show it.
  const unseen = parts.sso.signInEnds.onChange(() => publisher.emit());
  const stop = (): void => {
    unseen();
    stopSso();
  };
  const aliases = new AccountAliasLookup({
    catalog: deps.catalog,
    env: deps.env,
    credentialsOf: (id) => {
      const live = sessions.get(id);
      return live?.state === 'active' ? live.credentials : undefined;
    },
    onNamed: () => publisher.emit(),
    ...(deps.env.SWITCHYARD_DEBUG
      ? { debug: (line: string) => process.stderr.write(`switchyard: debug: ${line}\n`) }
      : {}),
  });
  return { aliases, stop };
}
