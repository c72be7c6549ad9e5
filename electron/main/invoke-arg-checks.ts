import type { InvokeArgs, InvokeChannel } from '../../shared/ipc-contract';
import type { Snapshot } from '../../shared/model';
import {
  checkConsoleMode,
  checkKnownRoleId,
  checkKnownRoleIdOrNull,
  checkMfaSourceKey,
  checkRoleForm,
  checkSettingsPatch,
  checkText,
  checkTextList,
  IpcArgumentError,
  MAX_IMPORT_PROFILES,
} from './ipc-arg-checks';
import { checkAccountPatch } from './account-arg-checks';
import { checkSsoSession, checkSsoSignInRequest } from './sso-arg-checks';
import { checkFlag, checkSubscriptionAddRequest } from './subscription-arg-checks';

type ArgCheck<C extends InvokeChannel> = (
  args: readonly unknown[],
  snapshot: Snapshot,
) => InvokeArgs<C>;

/**
 * One check per invoke channel: a mapped type over the contract, so a channel
 * added to InvokeContract does not compile until it is checked here. Role ids
 * are checked against the snapshot current when the message arrives.
 */
const ARG_CHECKS: { readonly [C in InvokeChannel]: ArgCheck<C> } = {
  'snapshot:get': () => [],
  'role:activate': ([id], s) => [checkKnownRoleId(id, s)],
  'role:deactivate': ([id], s) => [checkKnownRoleId(id, s)],
  'role:refresh': ([id], s) => [checkKnownRoleIdOrNull(id, s)],
  'role:set-default': ([id], s) => [checkKnownRoleIdOrNull(id, s)],
  'role:open-console': ([id, mode], s) => [checkKnownRoleId(id, s), checkConsoleMode(mode)],
  'role:open-console-at': ([id, mode, service], s) => [
    checkKnownRoleId(id, s),
    checkConsoleMode(mode),
    checkText(service, 'service'),
  ],
  'role:add': ([form], s) => [checkRoleForm(form, s)],
  'role:update': ([id, form], s) => [checkKnownRoleId(id, s), checkRoleForm(form, s)],
  'role:remove': ([id], s) => [checkKnownRoleId(id, s)],
  'role:copy-export': ([id], s) => [checkKnownRoleId(id, s)],
  'role:copy-terminal': ([id], s) => [checkKnownRoleId(id, s)],
  'role:copy-for-admin': ([id], s) => [checkKnownRoleId(id, s)],
  'mfa:submit': ([key, code], s) => [checkMfaSourceKey(key, s), checkText(code, 'MFA code')],
  'import:preview': () => [],
  'import:apply': ([only]) => [
    only === null ? null : checkTextList(only, 'import profiles', MAX_IMPORT_PROFILES),
  ],
  'settings:update': ([patch]) => [checkSettingsPatch(patch)],
  'account:update': ([id, patch]) => [checkText(id, 'account id'), checkAccountPatch(patch)],
  'popup:hide': () => [],
  'activity:recent': () => [],
  'profiles:sources': () => [],
  'sso:sessions': () => [],
  'sso:progress': () => [],
  'sso:sign-in': ([request]) => [checkSsoSignInRequest(request)],
  'sso:cancel': () => [],
  'sso:open-verification': () => [],
  'sso:sync': ([session]) => [checkSsoSession(session)],
  'sso:sign-out': ([session]) => [checkSsoSession(session)],
  'subscriptions:list': () => [],
  'subscriptions:add': ([request]) => [checkSubscriptionAddRequest(request)],
  'subscriptions:sync': ([name, yes]) => [
    checkText(name, 'subscription name'),
    checkFlag(yes, 'yes'),
  ],
};

/** How many arguments each channel takes, typed from the contract's tuples so it cannot drift. */
const ARITY: { readonly [C in InvokeChannel]: InvokeArgs<C>['length'] } = {
  'snapshot:get': 0,
  'role:activate': 1,
  'role:deactivate': 1,
  'role:refresh': 1,
  'role:set-default': 1,
  'role:open-console': 2,
  'role:open-console-at': 3,
  'role:add': 1,
  'role:update': 2,
  'role:remove': 1,
  'role:copy-export': 1,
  'role:copy-terminal': 1,
  'role:copy-for-admin': 1,
  'mfa:submit': 2,
  'import:preview': 0,
  'import:apply': 1,
  'settings:update': 1,
  'account:update': 2,
  'popup:hide': 0,
  'activity:recent': 0,
  'profiles:sources': 0,
  'sso:sessions': 0,
  'sso:progress': 0,
  'sso:sign-in': 1,
  'sso:cancel': 0,
  'sso:open-verification': 0,
  'sso:sync': 1,
  'sso:sign-out': 1,
  'subscriptions:list': 0,
  'subscriptions:add': 1,
  'subscriptions:sync': 2,
};

/** The checked arguments of one invoke call; throws IpcArgumentError when they are wrong. */
export function checkInvokeArgs<C extends InvokeChannel>(
  channel: C,
  args: readonly unknown[],
  snapshot: Snapshot,
): InvokeArgs<C> {
  if (!Object.hasOwn(ARG_CHECKS, channel)) {
    throw new IpcArgumentError('unknown channel');
  }
  if (args.length !== ARITY[channel]) {
    throw new IpcArgumentError(
      `${channel} takes ${ARITY[channel]} argument${ARITY[channel] === 1 ? '' : 's'}, got ${args.length}`,
    );
  }
  const check = ARG_CHECKS[channel] as ArgCheck<C>;
  try {
    return check(args, snapshot);
  } catch (error) {
    if (error instanceof IpcArgumentError) {
      throw new IpcArgumentError(`${channel}: ${error.message}`);
    }
    throw error;
  }
}
