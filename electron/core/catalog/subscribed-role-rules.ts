import { isDeepStrictEqual } from 'node:util';
import { inputError } from '../../../shared/check-text';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { ROLE_FIELDS } from './check-role';

/**
 * The fields of a subscribed role that only its subscription sets: they say
 * which identity the role is, so a team changes them for everyone at once.
 * Everything else (label, profile, colour, group, tags, region, MFA device,
 * session name) is the user's own and kept across syncs.
 */
export const DEFINITION_FIELDS = ['roleArn', 'source', 'externalId', 'durationSeconds'] as const;

/** The way out of a read-only field, named in every refusal. */
export function upstreamFix(subscription: string): string {
  return `change it upstream, or unsubscribe (switchyard catalog unsubscribe ${subscription})`;
}

/**
 * Refuses an edit that changes a subscribed role's definition, or that adds,
 * changes or removes the subscription mark (only a sync or unsubscribe does).
 */
export function checkSubscribedEdit(before: RoleEntry | undefined, after: RoleEntry): void {
  if (before?.subscription !== after.subscription) {
    throw inputError(
      ROLE_FIELDS.subscription,
      'is set only by catalog subscriptions',
      'use switchyard catalog subscribe or unsubscribe',
    );
  }
  const subscription = before?.subscription;
  if (subscription === undefined) return;
  const changed = DEFINITION_FIELDS.find((key) => !isDeepStrictEqual(before?.[key], after[key]));
  if (changed === undefined) return;
  throw inputError(
    ROLE_FIELDS[changed],
    `${quoteValue(after.label)} comes from subscription ${subscription} and its ${ROLE_FIELDS[changed]} is read-only here`,
    upstreamFix(subscription),
  );
}

/** Refuses removing a subscribed role by hand: the next sync would bring it back. */
export function checkSubscribedRemove(role: RoleEntry): void {
  if (role.subscription === undefined) return;
  throw inputError(
    'role',
    `${quoteValue(role.label)} comes from subscription ${role.subscription}`,
    `remove it upstream, or unsubscribe (switchyard catalog unsubscribe ${role.subscription})`,
  );
}
