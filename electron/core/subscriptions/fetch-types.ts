import type { SubscriptionRecord } from '../../../shared/subscription-model';

/** A subscribed file is a role list, not a download: anything larger is refused while it streams. */
export const MAX_SUBSCRIPTION_BYTES = 1024 * 1024;

export interface FetchLimits {
  /** Refused past this many bytes (default MAX_SUBSCRIPTION_BYTES). */
  readonly maxBytes: number;
  /** Until the server (or git's remote) is reached. */
  readonly connectTimeoutMs: number;
  /** For the whole fetch, whatever the server does. */
  readonly totalTimeoutMs: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxBytes: MAX_SUBSCRIPTION_BYTES,
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
};

export interface FetchRequest {
  readonly record: SubscriptionRecord;
  /** <config folder>/subscriptions: where git keeps its shallow clones. */
  readonly dataDir: string;
  /** What the copy at hand was fetched with: an unchanged source is not fetched again. */
  readonly previous: { readonly etag?: string; readonly commit?: string };
  readonly limits: FetchLimits;
}

export type FetchResult =
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'fetched';
      readonly bytes: Buffer;
      readonly etag?: string;
      /** git: the commit the file was read from. */
      readonly commit?: string;
    };

/** A fetch that failed; the message is one line and never holds a secret. */
export class SubscriptionFetchError extends Error {
  override readonly name = 'SubscriptionFetchError';
}

export function tooLarge(limits: FetchLimits): SubscriptionFetchError {
  return new SubscriptionFetchError(
    `the file is larger than ${Math.round(limits.maxBytes / 1024)} KiB; a catalog is a role list, check the address`,
  );
}
