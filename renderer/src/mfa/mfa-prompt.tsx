import { type FormEvent, useRef, useState } from 'react';
import type { MfaPromptView } from '../../../shared/model';
import { checkMfaCode, problemWith } from '../../../shared/validate';
import { errorMessage } from '../bridge/error-message';
import { useServices } from '../services-context';
import type { Report } from '../status/status';
import { describeMfaSource } from './mfa-source';
import { mfaCodeProblem } from './mfa-words';

export interface MfaPromptProps {
  readonly prompt: MfaPromptView;
  /** Role id → label, to name the roles that wait on this code. */
  readonly labelOf: (roleId: string) => string;
  /** Where "Cancel" says what it did. */
  readonly report?: Report;
}

const CODE_LENGTH = 6;

/**
 * One prompt for one source identity, naming every role waiting on it. The
 * sixth digit submits; a refused code is cleared (the reason stays shown) so
 * the next one can be typed at once; Cancel switches the waiting roles off.
 */
export function MfaPrompt({ prompt, labelOf, report }: MfaPromptProps) {
  const { api } = useServices();
  const [code, setCode] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [engineError, setEngineError] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);
  const problem = problemWith(checkMfaCode, code);
  // Complain as soon as the input cannot become valid, or once the user tried to submit.
  const shown = problem && (tried || /\D/.test(code) || code.length > 6) ? problem : undefined;
  const inputId = `mfa-${prompt.sourceKey}`;
  const labels = prompt.waitingRoleIds.map(labelOf);
  const waiting = labels.join(', ');

  const send = (value: string) => {
    if (problemWith(checkMfaCode, value) || busy) return;
    setBusy(true);
    setEngineError(undefined);
    api.submitMfaCode(prompt.sourceKey, value).then(
      () => {
        setBusy(false);
        setCode('');
        setTried(false);
      },
      (error: unknown) => {
        setBusy(false);
        setCode('');
        setTried(false);
        setEngineError(mfaCodeProblem(errorMessage(error)));
        inputRef.current?.focus();
      },
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    send(code);
  };
  const change = (value: string) => {
    const next = value.trim();
    setCode(next);
    // Authenticator codes are six digits: the last one is the submit.
    if (next.length === CODE_LENGTH && /^\d+$/.test(next)) send(next);
  };
  const cancel = () => {
    const ids = prompt.waitingRoleIds;
    Promise.all(ids.map((id) => api.deactivate(id))).then(
      () =>
        report?.({
          tone: 'info',
          text: `Cancelled: ${waiting} ${ids.length === 1 ? 'is' : 'are'} off again`,
        }),
      (error: unknown) => report?.({ tone: 'error', text: errorMessage(error) }),
    );
  };

  return (
    <form className="mfa-prompt" onSubmit={submit} aria-label="MFA code">
      <label htmlFor={inputId} className="mfa-title">
        MFA code for {describeMfaSource(prompt.sourceKey)}
      </label>
      <div className="mfa-waiting">
        Waiting: {waiting} <span className="mfa-device">({prompt.mfaSerial})</span>
      </div>
      <div className="mfa-row">
        <input
          ref={inputRef}
          id={inputId}
          className="mfa-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={8}
          placeholder="123456"
          data-mfa-source={prompt.sourceKey}
          data-mfa-roles={prompt.waitingRoleIds.join(' ')}
          value={code}
          readOnly={busy}
          aria-invalid={shown !== undefined || engineError !== undefined}
          aria-describedby={`${inputId}-problem`}
          onChange={(event) => change(event.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Submit'}
        </button>
        <button type="button" onClick={cancel} disabled={busy}>
          Cancel
        </button>
      </div>
      <div id={`${inputId}-problem`} className="field-problem" role="alert">
        {shown ?? engineError ?? ''}
      </div>
    </form>
  );
}
