import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { SsoProgress } from '../../../shared/sso-views';
import { errorMessage } from '../bridge/error-message';
import { useServices } from '../services-context';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What a finished sync did, in one line. */
export function syncSummary(counts: { added: number; updated: number; gone: number }): string {
  const parts = [`${plural(counts.added, 'role')} added`];
  if (counts.updated > 0) parts.push(`${counts.updated} updated`);
  if (counts.gone > 0) parts.push(`${counts.gone} no longer granted`);
  return parts.join(', ');
}

/**
 * The one sign-in, above everything else while it runs: the user code and
 * "Open browser" (device flow), "Waiting for the browser…" (PKCE), syncing,
 * then what it did. Cancel stops it; a finished one is dismissed.
 */
export function SsoSignInPanel({ progress }: { progress: SsoProgress }) {
  const { api } = useServices();
  const [dismissed, setDismissed] = useState<SsoProgress>();
  const [error, setError] = useState<string>();
  const focusRef = useRef<HTMLButtonElement>(null);
  // A new step takes the keyboard, so Enter does the obvious next thing.
  useEffect(() => {
    setError(undefined);
    focusRef.current?.focus();
  }, [progress.phase]);

  if (progress.phase === 'idle' || progress === dismissed) return null;
  const cancel = () => api.cancelSsoSignIn().catch((e: unknown) => setError(errorMessage(e)));
  const dismiss = () => setDismissed(progress);
  const cancelButton = (
    <button type="button" onClick={() => void cancel()}>
      Cancel
    </button>
  );

  let title: string;
  let body: ReactNode = null;
  let buttons: ReactNode;
  switch (progress.phase) {
    case 'starting':
      title = `Signing in to ${progress.session}…`;
      buttons = cancelButton;
      break;
    case 'device':
      title = `Sign in to ${progress.session}`;
      body = (
        <>
          <div className="sso-hint">Approve this code in the browser:</div>
          <output className="sso-code" aria-label="User code">
            {progress.userCode}
          </output>
        </>
      );
      buttons = (
        <>
          {cancelButton}
          <button
            ref={focusRef}
            type="button"
            className="primary"
            onClick={() =>
              void api.openSsoVerificationPage().catch((e: unknown) => setError(errorMessage(e)))
            }
          >
            Open browser
          </button>
        </>
      );
      break;
    case 'browser':
      title = `Sign in to ${progress.session}`;
      body = <div className="sso-hint">Waiting for the browser…</div>;
      buttons = cancelButton;
      break;
    case 'syncing':
      title = `Signed in to ${progress.session}`;
      body = <div className="sso-hint">Syncing accounts and roles…</div>;
      buttons = null;
      break;
    case 'done':
      title = `Signed in to ${progress.session}`;
      body = (
        <div className="sso-hint">
          {syncSummary(progress)}
          {progress.resumed > 0 ? `; ${plural(progress.resumed, 'waiting role')} resumed` : ''}.
        </div>
      );
      buttons = (
        <button ref={focusRef} type="button" onClick={dismiss}>
          OK
        </button>
      );
      break;
    case 'failed':
      title = progress.session ? `Sign-in to ${progress.session} failed` : 'Sign-in failed';
      body = (
        <div className="field-problem" role="alert">
          {progress.message}
        </div>
      );
      buttons = (
        <button ref={focusRef} type="button" onClick={dismiss}>
          OK
        </button>
      );
      break;
    default: {
      const never: never = progress;
      return never;
    }
  }
  return (
    <section
      className={`sso-panel phase-${progress.phase}`}
      aria-label="Identity Center sign-in"
      aria-live="polite"
    >
      <div className="mfa-title">{title}</div>
      {body}
      {error && (
        <div className="field-problem" role="alert">
          {error}
        </div>
      )}
      {buttons && <div className="sso-buttons">{buttons}</div>}
    </section>
  );
}
