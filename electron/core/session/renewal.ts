import type { LapseReason, RenewalView, RoleEntry, SessionState } from '../../../shared/model';
import { DEFAULT_MFA_MARGIN_MS } from '../secrets/mfa-session-cache';
import { MIN_SOURCE_LIFE_MS } from './source-resolver';

/** What renewal needs to know of one role's session. No secrets. */
export interface RenewalStatus {
  readonly state: SessionState;
  readonly expiresAt?: number;
  readonly issuedAt?: number;
  readonly chained: boolean;
  /** When the MFA session it was assumed with ends. */
  readonly mfaEndsAt?: number;
  /** Identity Center roles: until when their session's token can be had without a sign-in. */
  readonly signInEndsAt?: number;
}

export interface RenewalContext {
  /** The tray app or `switchyard daemon` (this process or another) renews sessions. */
  readonly refresherRunning: boolean;
  readonly marginMs: number;
  readonly role: (roleId: string) => RoleEntry | undefined;
  readonly status: (roleId: string) => RenewalStatus | undefined;
}

const HOUR_MS = 3_600_000;
/** More renewals than any real session has (12 h of MFA / 15-minute sessions is 48). */
const MAX_RENEWALS = 1_000;
/**
 * An Identity Center token usable for longer than this past the session's
 * expiry renews as far as the row goes: a client registration lasts months,
 * and "lapses 14:05" names a clock time, not a day.
 */
export const SIGN_IN_HORIZON_MS = 12 * HOUR_MS;

const lapses = (at: number, reason: LapseReason): RenewalView => ({ kind: 'lapses', at, reason });

/** How long each renewed session lasts: as the current one did, else as asked (1 h when chained). */
function sessionLife(role: RoleEntry, status: RenewalStatus, expiresAt: number): number {
  if (status.issuedAt !== undefined && status.issuedAt < expiresAt)
    return expiresAt - status.issuedAt;
  const asked = (role.durationSeconds ?? 3600) * 1000;
  return status.chained || role.mfaSerial !== undefined ? Math.min(asked, HOUR_MS) : asked;
}

/**
 * The end of the last session the engine can get while its source lasts:
 * each renewal is due at `expiry - margin` (the margin at most half a life,
 * as the planner has it; jitter only makes it earlier, so this never promises
 * a renewal that will not happen) and needs the source usable then.
 */
function lastSessionEnd(
  expiresAt: number,
  life: number,
  marginMs: number,
  usableUntil: number,
): number {
  const margin = Math.min(marginMs, life / 2);
  let end = expiresAt;
  for (let i = 0; i < MAX_RENEWALS; i++) {
    const due = end - margin;
    if (due >= usableUntil || life <= margin) return end;
    end = due + life;
  }
  return end;
}

/**
 * Pure: whether a live session renews itself, or lapses, when and why.
 * - nothing runs to renew it: it lapses at its expiry;
 * - an MFA source: renewals stop once the MFA session has too little left
 *   (the cache hands it out only with more than 5 minutes left);
 * - chained from a catalog role: renews if that role does, else its renewals
 *   stop when that role's last session ends (each capped at 1 hour);
 * - Identity Center: renewals stop once its token can no longer be had
 *   without a sign-in (not refreshable and expiring, or its registration
 *   ending); renews when that is more than SIGN_IN_HORIZON_MS away, or not
 *   known yet (no token seen since the engine started);
 * - a profile, the default chain or keychain keys: renews.
 * undefined: not live, or an MFA session whose end is not known yet.
 */
export function renewalOf(
  role: RoleEntry,
  status: RenewalStatus,
  context: RenewalContext,
  seen: ReadonlySet<string> = new Set(),
): RenewalView | undefined {
  const { state, expiresAt } = status;
  if ((state !== 'active' && state !== 'refreshing') || expiresAt === undefined) return undefined;
  if (!context.refresherRunning) return lapses(expiresAt, 'no-refresher');
  const life = sessionLife(role, status, expiresAt);
  const { source } = role;
  if (source.kind === 'role') {
    const from = context.role(source.roleId);
    const fromStatus = context.status(source.roleId);
    if (!from || !fromStatus || seen.has(role.id)) return lapses(expiresAt, 'chained');
    const upstream = renewalOf(from, fromStatus, context, new Set([...seen, role.id]));
    if (upstream?.kind === 'renews') return { kind: 'renews' };
    // A source that is not live (or lapses): this one's renewals stop with it.
    const sourceEnd = upstream?.at ?? fromStatus.expiresAt ?? 0;
    const end = lastSessionEnd(expiresAt, life, context.marginMs, sourceEnd - MIN_SOURCE_LIFE_MS);
    return lapses(end, 'chained');
  }
  if (role.mfaSerial !== undefined) {
    if (status.mfaEndsAt === undefined) return undefined;
    const usableUntil = status.mfaEndsAt - DEFAULT_MFA_MARGIN_MS;
    return lapses(lastSessionEnd(expiresAt, life, context.marginMs, usableUntil), 'mfa');
  }
  if (source.kind === 'sso' && status.signInEndsAt !== undefined) {
    if (status.signInEndsAt - expiresAt > SIGN_IN_HORIZON_MS) return { kind: 'renews' };
    const end = lastSessionEnd(expiresAt, life, context.marginMs, status.signInEndsAt);
    return lapses(end, 'sign-in');
  }
  return { kind: 'renews' };
}
