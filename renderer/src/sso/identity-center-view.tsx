import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { SsoProgress, SsoSessionView } from '../../../shared/sso-views';
import { problemWith } from '../../../shared/validate';
import { checkSsoRegion, checkSsoSessionName, checkStartUrl } from '../../../shared/validate-sso';
import { errorMessage } from '../bridge/error-message';
import { TextField } from '../forms/text-field';
import { useServices } from '../services-context';
import type { Report } from '../status/status';
import { SsoSessionRow } from './sso-session-row';

export interface IdentityCenterViewProps {
  readonly progress: SsoProgress;
  readonly report: Report;
  readonly onDone: () => void;
}

const RUNNING = new Set<SsoProgress['phase']>(['starting', 'device', 'browser', 'syncing']);

/**
 * IAM Identity Center: the sessions of ~/.aws/config (signed in, renews in …,
 * Sync now, Sign out), and a start URL and region to sign in to a new one.
 * The fields are checked as typed with the engine's own rules; the engine
 * checks again and its one-line message is shown as is.
 */
export function IdentityCenterView({ progress, report, onDone }: IdentityCenterViewProps) {
  const { api, clock } = useServices();
  const [sessions, setSessions] = useState<readonly SsoSessionView[]>();
  const [loadError, setLoadError] = useState<string>();
  const [startUrl, setStartUrl] = useState('');
  const [region, setRegion] = useState('');
  const [name, setName] = useState('');
  const [useCode, setUseCode] = useState(false);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string>();
  const busy = RUNNING.has(progress.phase);

  const load = useCallback(() => {
    api.ssoSessions().then(
      (list) => {
        setSessions(list);
        setLoadError(undefined);
      },
      (e: unknown) => setLoadError(errorMessage(e)),
    );
  }, [api]);
  // Every step of a sign-in can change a session's state (added, signed in).
  useEffect(load, [load, progress.phase]);

  // Live checks: a problem shows once the field has something in it, or after a try.
  const show = (value: string, problem: string | undefined) =>
    value !== '' || tried ? problem : undefined;
  const urlProblem = show(startUrl, problemWith(checkStartUrl, startUrl));
  const regionProblem = show(region, problemWith(checkSsoRegion, region));
  const nameProblem = name === '' ? undefined : problemWith(checkSsoSessionName, name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const problems =
      problemWith(checkStartUrl, startUrl) ?? problemWith(checkSsoRegion, region) ?? nameProblem;
    if (problems || busy) return;
    setError(undefined);
    api
      .signInSso({
        kind: 'start-url',
        startUrl,
        region,
        ...(name !== '' ? { name } : {}),
        flow: useCode ? 'device' : 'pkce',
      })
      .then(
        () => {
          setTried(false);
          setStartUrl('');
          setName('');
          load();
        },
        (e: unknown) => setError(errorMessage(e)),
      );
  };

  return (
    <form className="settings-view sso-view" onSubmit={submit} aria-label="Identity Center">
      <div className="view-title">Identity Center</div>
      <div className="form-scroll">
        {loadError && (
          <p className="form-error" role="alert">
            {loadError}
          </p>
        )}
        {sessions && sessions.length > 0 && (
          <ul className="sso-sessions" aria-label="Sessions">
            {sessions.map((session) => (
              <SsoSessionRow
                key={session.name}
                session={session}
                now={clock.now()}
                busy={busy}
                report={report}
                onChanged={load}
              />
            ))}
          </ul>
        )}
        {sessions && sessions.length === 0 && (
          <p className="field-hint">
            Sign in to your AWS access portal to add its accounts and roles.
          </p>
        )}
        <div className="group-header">Sign in to a portal</div>
        <TextField
          id="sso-start-url"
          label="Start URL"
          value={startUrl}
          placeholder="https://d-1234567890.awsapps.com/start"
          autoFocus
          problem={urlProblem}
          onChange={(value) => {
            setError(undefined);
            setStartUrl(value.trim());
          }}
        />
        <TextField
          id="sso-region"
          label="Region"
          value={region}
          placeholder="us-east-1"
          problem={regionProblem}
          onChange={(value) => {
            setError(undefined);
            setRegion(value.trim());
          }}
        />
        <TextField
          id="sso-name"
          label="Session name"
          value={name}
          placeholder="from the start URL"
          problem={nameProblem}
          hint="The [sso-session] added to ~/.aws/config (optional)."
          onChange={(value) => setName(value.trim())}
        />
        <label className="check-field">
          <input
            type="checkbox"
            checked={useCode}
            onChange={(event) => setUseCode(event.target.checked)}
          />
          Sign in with a code instead of opening the browser here
        </label>
      </div>
      <div className="form-error" role="alert" data-testid="sso-error">
        {error ?? ''}
      </div>
      <div className="form-buttons">
        <button type="button" onClick={onDone}>
          Close
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
      </div>
    </form>
  );
}
