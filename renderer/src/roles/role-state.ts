import type { SessionState } from '../../../shared/model';

/** Whether the role is on, i.e. Enter would deactivate it. Failed and expired roles are off: Enter retries. */
export function isSessionOn(state: SessionState): boolean {
  switch (state) {
    case 'activating':
    case 'active':
    case 'refreshing':
    case 'needs-mfa':
    case 'needs-sign-in':
      return true;
    case 'inactive':
    case 'expired':
    case 'error':
      return false;
    default: {
      const never: never = state;
      return never;
    }
  }
}

/** Whether the role holds a live session (so federated sign-in and refresh make sense). */
export function hasSession(state: SessionState): boolean {
  return state === 'active' || state === 'refreshing';
}

/** Short words for the state, for the row and for screen readers. */
export function stateText(state: SessionState): string {
  switch (state) {
    case 'inactive':
      return 'off';
    case 'activating':
      return 'starting…';
    case 'active':
      return 'active';
    case 'refreshing':
      return 'refreshing…';
    case 'expired':
      return 'expired';
    case 'needs-mfa':
      return 'needs MFA';
    case 'needs-sign-in':
      return 'needs sign-in';
    case 'error':
      return 'failed';
    default: {
      const never: never = state;
      return never;
    }
  }
}
