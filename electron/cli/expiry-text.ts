import { formatRemaining } from '../../shared/duration-format';

/** "in 59m", or "expired" (never "in expired"), for a session with this much time left. */
export function expiryText(remainingMs: number): string {
  const left = formatRemaining(remainingMs);
  return left === 'expired' ? left : `in ${left}`;
}

/** "expires in 59m", or "expired": for sentences that have no verb of their own. */
export function expiryPhrase(remainingMs: number): string {
  const text = expiryText(remainingMs);
  return text === 'expired' ? text : `expires ${text}`;
}
