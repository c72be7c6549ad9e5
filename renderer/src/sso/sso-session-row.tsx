import { useState } from 'react';
import type { SsoSessionView } from '../../../shared/sso-views';
import { formatRemaining } from '../../../shared/duration-format';
import { errorMessage } from '../bridge/error-message';
import { useServices } from '../services-context';
import type { Report } from '../status/status';
import { syncSummary } from './sso-sign-in-panel';

export interface SsoSessionRowProps {
  readonly session: SsoSessionView;
  readonly now: number;
  /** A sign-in is running: one at a time. */
  readonly busy: boolean;
  readonly report: Report;
  /** The session's state may have changed (signed out, synced). */
  readonly onChanged: () => void;
}

/** "Signed in · expires in 7h 59m" or "Not signed in" (why is the row's tooltip). */
export function sessionState(session: SsoSessionView, now: number): string {
  if (!session.signedIn) return 'Not signed in';
  if (session.expiresAt === undefined) return 'Signed in';
  const left = session.expiresAt - now;
  if (left <= 0) return 'Signed in · the token is renewed at next use';
  return `Signed in · expires in ${formatRemaining(left)}`;
}

function stateNote(session: SsoSessionView): string | undefined {
  if (!session.signedIn) return session.reason;
  return session.refreshable ? 'The token is renewed on its own before it expires.' : undefined;
}

/** One `[sso-session]`: its state, and Sign in, Sync now, Sign out. */
export function SsoSessionRow({ session, now, busy, report, onChanged }: SsoSessionRowProps) {
  const { api } = useServices();
  const [working, setWorking] = useState<'sync' | 'sign-out'>();
  const run = <T,>(what: 'sync' | 'sign-out', call: () => Promise<T>, done: (r: T) => string) => {
    setWorking(what);
    call().then(
      (result) => {
        setWorking(undefined);
        report({ tone: 'info', text: done(result) });
        onChanged();
      },
      (error: unknown) => {
        setWorking(undefined);
        report({ tone: 'error', text: errorMessage(error) });
        onChanged();
      },
    );
  };
  return (
    <li className="sso-session" aria-label={`Session ${session.name}`}>
      <div className="sso-session-name">{session.name}</div>
      <div className="sso-session-url muted" title={`${session.startUrl} (${session.region})`}>
        {session.startUrl} · {session.region}
      </div>
      <div
        className={session.signedIn ? 'sso-session-state' : 'sso-session-state tone-warning'}
        title={stateNote(session)}
      >
        {sessionState(session, now)}
      </div>
      <div className="sso-buttons">
        <button
          type="button"
          disabled={busy || working !== undefined}
          onClick={() =>
            void api
              .signInSso({ kind: 'session', session: session.name, flow: 'pkce' })
              .catch((e: unknown) => report({ tone: 'error', text: errorMessage(e) }))
          }
        >
          {session.signedIn ? 'Sign in again' : 'Sign in'}
        </button>
        <button
          type="button"
          disabled={!session.signedIn || working !== undefined}
          onClick={() =>
            run(
              'sync',
              () => api.syncSso(session.name),
              (r) => `Synced ${session.name}: ${syncSummary(r)}`,
            )
          }
        >
          {working === 'sync' ? 'Syncing…' : 'Sync now'}
        </button>
        <button
          type="button"
          disabled={!session.signedIn || working !== undefined}
          onClick={() =>
            run(
              'sign-out',
              () => api.signOutSso(session.name),
              () => `Signed out of ${session.name}`,
            )
          }
        >
          Sign out
        </button>
      </div>
    </li>
  );
}
