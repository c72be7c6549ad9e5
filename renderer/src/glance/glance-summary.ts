import type { RoleView } from '../../../shared/model';
import { isLive, needsYou } from './role-glance';

export interface GlanceSummary {
  /** Active or refreshing roles. */
  readonly live: number;
  /** Roles waiting for an MFA code or a sign-in, or failed. */
  readonly needsYou: number;
  /** The live role whose session ends first, and when. */
  readonly nextExpiry?: { readonly roleId: string; readonly at: number };
}

/** Pure: what the status line counts, in one pass over the snapshot's roles. */
export function summarize(views: readonly RoleView[]): GlanceSummary {
  let live = 0;
  let waiting = 0;
  let nextExpiry: GlanceSummary['nextExpiry'];
  for (const view of views) {
    if (needsYou(view)) waiting++;
    if (!isLive(view)) continue;
    live++;
    const at = view.expiresAt;
    if (at !== undefined && (nextExpiry === undefined || at < nextExpiry.at))
      nextExpiry = { roleId: view.role.id, at };
  }
  return { live, needsYou: waiting, ...(nextExpiry ? { nextExpiry } : {}) };
}
