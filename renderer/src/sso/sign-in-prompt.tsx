import { useState } from 'react';
import type { SignInPromptView } from '../../../shared/model';
import type { SsoFlow } from '../../../shared/sso-views';
import { errorMessage } from '../bridge/error-message';
import { useServices } from '../services-context';

export interface SignInPromptProps {
  readonly prompt: SignInPromptView;
  /** Role id → label, to name the roles that wait on this sign-in. */
  readonly labelOf: (roleId: string) => string;
  /** A sign-in is running already: one at a time. */
  readonly busy: boolean;
}

/**
 * One prompt per Identity Center session whose roles wait: one Sign in
 * resumes them all, never one per role.
 */
export function SignInPrompt({ prompt, labelOf, busy }: SignInPromptProps) {
  const { api } = useServices();
  const [error, setError] = useState<string>();
  const waiting = prompt.waitingRoleIds.map(labelOf).join(', ');
  const signIn = (flow: SsoFlow) => {
    setError(undefined);
    api
      .signInSso({ kind: 'session', session: prompt.session, flow })
      .catch((e: unknown) => setError(errorMessage(e)));
  };
  return (
    <section className="mfa-prompt sign-in-prompt" aria-label={`Sign in to ${prompt.session}`}>
      <div className="mfa-title">Identity Center: {prompt.session} needs a sign-in</div>
      <div className="mfa-waiting">Waiting: {waiting}</div>
      <div className="mfa-row">
        <button type="button" className="primary" disabled={busy} onClick={() => signIn('pkce')}>
          Sign in
        </button>
        <button
          type="button"
          className="link-button"
          disabled={busy}
          onClick={() => signIn('device')}
        >
          Use a code instead
        </button>
      </div>
      <div className="field-problem" role="alert">
        {error ?? ''}
      </div>
    </section>
  );
}
