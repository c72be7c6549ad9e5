/**
 * What the tray shows of IAM Identity Center, as it crosses from the main
 * process to the popup: names, URLs, times and counts. Never a token, a
 * client secret or a device code; the user code and the page to type it on
 * are shown to the user anyway.
 */

/** An `[sso-session]` of ~/.aws/config and whether it is signed in. */
export interface SsoSessionView {
  readonly name: string;
  readonly startUrl: string;
  readonly region: string;
  /** A token that works now, or can be renewed without the user. */
  readonly signedIn: boolean;
  /** The cache holds a refresh token and a live client registration. */
  readonly refreshable: boolean;
  /** When the cached access token expires (epoch ms). */
  readonly expiresAt?: number;
  /** Why it is not signed in, one line. */
  readonly reason?: string;
}

/** pkce: the browser signs in and comes back to a loopback page; device: the user types a code. */
export type SsoFlow = 'pkce' | 'device';

/** A sign-in the popup asks for: to a session the config has, or to a portal by its start URL. */
export type SsoSignInRequest =
  | { readonly kind: 'session'; readonly session: string; readonly flow: SsoFlow }
  | {
      readonly kind: 'start-url';
      readonly startUrl: string;
      readonly region: string;
      /** The new session's name; derived from the start URL when absent. */
      readonly name?: string;
      readonly flow: SsoFlow;
    };

/** Where the one sign-in stands. */
export type SsoProgress =
  | { readonly phase: 'idle' }
  | { readonly phase: 'starting'; readonly session: string }
  | {
      readonly phase: 'device';
      readonly session: string;
      readonly userCode: string;
      readonly verificationUriComplete: string;
      /** Epoch ms: the code is no good after this. */
      readonly expiresAt: number;
    }
  | { readonly phase: 'browser'; readonly session: string }
  | { readonly phase: 'syncing'; readonly session: string }
  | {
      readonly phase: 'done';
      readonly session: string;
      readonly added: number;
      readonly updated: number;
      readonly gone: number;
      /** Roles that waited for this sign-in and resumed. */
      readonly resumed: number;
    }
  | { readonly phase: 'failed'; readonly session?: string; readonly message: string };

export type SsoPhase = SsoProgress['phase'];

/** What a sync changed in the catalog. */
export interface SsoSyncSummary {
  readonly session: string;
  readonly added: number;
  readonly updated: number;
  readonly gone: number;
}

export interface SsoSignOutSummary {
  /** The portal ended the token's session. */
  readonly revoked: boolean;
  /** A cached token file was removed. */
  readonly deleted: boolean;
  /** Why the portal did not revoke it, one line. */
  readonly note?: string;
}
