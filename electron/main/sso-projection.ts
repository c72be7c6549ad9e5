import type {
  SsoPhase,
  SsoProgress,
  SsoSessionView,
  SsoSignOutSummary,
  SsoSyncSummary,
} from '../../shared/sso-views';
import { copy, type Fields } from './snapshot-projection';

/**
 * Identity Center views rebuilt field by field from allow-lists before they
 * cross to the renderer, as snapshots are: whatever the desk might carry
 * besides (a token record, a Secret, a device code after some refactor) never
 * reaches the page. Each list is typed over the view's keys, so a field added
 * to shared/sso-views.ts does not compile until it is listed here.
 */

const PROGRESS_FIELDS: { readonly [P in SsoPhase]: Fields<Extract<SsoProgress, { phase: P }>> } = {
  idle: { phase: 'plain' },
  starting: { phase: 'plain', session: 'plain' },
  device: {
    phase: 'plain',
    session: 'plain',
    userCode: 'plain',
    verificationUriComplete: 'plain',
    expiresAt: 'plain',
  },
  browser: { phase: 'plain', session: 'plain' },
  syncing: { phase: 'plain', session: 'plain' },
  done: {
    phase: 'plain',
    session: 'plain',
    added: 'plain',
    updated: 'plain',
    gone: 'plain',
    resumed: 'plain',
  },
  failed: { phase: 'plain', session: 'plain', message: 'plain' },
};

export function projectSsoProgress(progress: SsoProgress): SsoProgress {
  const phase = (progress as { phase?: unknown } | null)?.phase;
  if (typeof phase !== 'string' || !Object.hasOwn(PROGRESS_FIELDS, phase)) {
    throw new Error('sign-in progress has an unknown phase; refusing to send it');
  }
  return copy<SsoProgress>(progress, PROGRESS_FIELDS[phase as SsoPhase] as Fields<SsoProgress>);
}

const SESSION_FIELDS = {
  name: 'plain',
  startUrl: 'plain',
  region: 'plain',
  signedIn: 'plain',
  refreshable: 'plain',
  expiresAt: 'plain',
  reason: 'plain',
} as const satisfies Fields<SsoSessionView>;

export function projectSsoSessions(sessions: readonly SsoSessionView[]): SsoSessionView[] {
  if (!Array.isArray(sessions)) throw new Error('sessions are not a list; refusing to send them');
  return sessions.map((session) => copy<SsoSessionView>(session, SESSION_FIELDS));
}

const SYNC_FIELDS = {
  session: 'plain',
  added: 'plain',
  updated: 'plain',
  gone: 'plain',
} as const satisfies Fields<SsoSyncSummary>;

export function projectSsoSync(summary: SsoSyncSummary): SsoSyncSummary {
  return copy<SsoSyncSummary>(summary, SYNC_FIELDS);
}

const SIGN_OUT_FIELDS = {
  revoked: 'plain',
  deleted: 'plain',
  note: 'plain',
} as const satisfies Fields<SsoSignOutSummary>;

export function projectSsoSignOut(summary: SsoSignOutSummary): SsoSignOutSummary {
  return copy<SsoSignOutSummary>(summary, SIGN_OUT_FIELDS);
}
