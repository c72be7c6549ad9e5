import { type FormEvent, useState } from 'react';
import type { MfaPromptView } from '../../../shared/model';
import { checkMfaCode, problemWith } from '../../../shared/validate';
import { errorMessage } from '../bridge/error-message';
import { useServices } from '../services-context';
import { describeMfaSource } from './mfa-source';

export interface MfaPromptProps {
  readonly prompt: MfaPromptView;
  /** Role id → label, to name the roles that wait on this code. */
  readonly labelOf: (roleId: string) => string;
}

/** One prompt for one source identity, naming every role waiting on it. */
export function MfaPrompt({ prompt, labelOf }: MfaPromptProps) {
  const { api } = useServices();
  const [code, setCode] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [engineError, setEngineError] = useState<string>();
  const problem = problemWith(checkMfaCode, code);
  // Complain as soon as the input cannot become valid, or once the user tried to submit.
  const shown = problem && (tried || /\D/.test(code) || code.length > 6) ? problem : undefined;
  const inputId = `mfa-${prompt.sourceKey}`;
  const waiting = prompt.waitingRoleIds.map(labelOf).join(', ');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem || busy) return;
    setBusy(true);
    setEngineError(undefined);
    api.submitMfaCode(prompt.sourceKey, code).then(
      () => {
        setBusy(false);
        setCode('');
        setTried(false);
      },
      (error: unknown) => {
        setBusy(false);
        setEngineError(errorMessage(error));
      },
    );
  };

  return (
    <form className="mfa-prompt" onSubmit={submit} aria-label="MFA code">
      <label htmlFor={inputId} className="mfa-title">
        MFA code for {describeMfaSource(prompt.sourceKey)}
      </label>
      <div className="mfa-waiting">
        Waiting: {waiting} <span className="muted">({prompt.mfaSerial})</span>
      </div>
      <div className="mfa-row">
        <input
          id={inputId}
          className="mfa-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={8}
          placeholder="123456"
          data-mfa-source={prompt.sourceKey}
          value={code}
          aria-invalid={shown !== undefined}
          aria-describedby={`${inputId}-problem`}
          onChange={(event) => setCode(event.target.value.trim())}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Submit'}
        </button>
      </div>
      <div id={`${inputId}-problem`} className="field-problem" role="alert">
        {shown ?? engineError ?? ''}
      </div>
    </form>
  );
}
