import { type RefObject, useCallback, useEffect, useRef } from 'react';
import type { MfaPromptView } from '../../../shared/model';

function mfaInput(root: HTMLElement | null, sourceKey?: string): HTMLInputElement | null {
  const selector =
    sourceKey === undefined ? '[data-mfa-source]' : `[data-mfa-source="${CSS.escape(sourceKey)}"]`;
  return root?.querySelector<HTMLInputElement>(selector) ?? null;
}

/**
 * Moves the caret into an MFA code field only when the user is there for it:
 * when the popup opens with a code waiting, or right after they switched on a
 * role that turned out to need one. A prompt raised by a background refresh
 * never steals the caret from someone typing a search.
 */
export function useMfaFocus(
  root: RefObject<HTMLElement | null>,
  prompts: readonly MfaPromptView[],
) {
  const justActivated = useRef<string | undefined>(undefined);
  const seen = useRef<ReadonlySet<string>>(new Set());

  const onActivate = useCallback((roleId: string) => {
    justActivated.current = roleId;
  }, []);

  useEffect(() => {
    const waiting = new Set(prompts.flatMap((prompt) => prompt.waitingRoleIds));
    const roleId = justActivated.current;
    if (roleId !== undefined && waiting.has(roleId) && !seen.current.has(roleId)) {
      const prompt = prompts.find((item) => item.waitingRoleIds.includes(roleId));
      mfaInput(root.current, prompt?.sourceKey)?.focus();
      justActivated.current = undefined;
    }
    seen.current = waiting;
  }, [root, prompts]);

  /** The field typing should go to when the popup opens, if a code is waiting. */
  const firstMfaInput = useCallback(() => mfaInput(root.current), [root]);
  return { onActivate, firstMfaInput };
}
