/**
 * One line of the audit trail as the tray's Activity view shows it: what was
 * issued or used, for which role, and who asked. Public information only
 * (ARNs, profile names, error codes); the trail never holds a secret.
 */
export interface ActivityEntry {
  /** ISO 8601, UTC. */
  readonly time: string;
  readonly event: string;
  readonly outcome: 'ok' | 'error';
  readonly by: string;
  readonly roleId?: string;
  readonly label?: string;
  readonly roleArn?: string;
  readonly profile?: string;
  readonly source?: string;
  /** ISO 8601, when the credentials issued expire. */
  readonly expiresAt?: string;
  readonly errorCode?: string;
}

/** The Activity view shows the last day, newest first, this many lines at most. */
export const ACTIVITY_SPAN_MS = 86_400_000;
export const ACTIVITY_LIMIT = 500;
