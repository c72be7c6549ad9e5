import { useMemo } from 'react';
import type { ConsoleMode } from '../../../shared/ipc-contract';
import type { RoleView } from '../../../shared/model';
import { errorMessage } from '../bridge/error-message';
import { isSessionOn } from '../roles/role-state';
import { useServices } from '../services-context';
import type { Report } from '../status/status';

export interface RoleActions {
  toggle(view: RoleView): void;
  refresh(view: RoleView): void;
  setDefault(view: RoleView): void;
  openConsole(view: RoleView, mode: ConsoleMode): void;
  /** "Open in…": the console page of a service, by the console's switch-role link. */
  openConsoleAt(view: RoleView, service: string): void;
  copyExport(view: RoleView): void;
  copyForTerminal(view: RoleView): void;
  /** A trust-policy failure: a ready message with the caller and role ARNs, for the role's admin. */
  copyForAdmin(view: RoleView): void;
  remove(view: RoleView): void;
}

/**
 * The per-role verbs, each reporting its failure (the engine's message) in the
 * footer. `onActivate` hears which role the user just switched on.
 */
export function useRoleActions(report: Report, onActivate?: (roleId: string) => void): RoleActions {
  const { api } = useServices();
  return useMemo(() => {
    const run = (work: () => Promise<unknown>, done?: string) => {
      report(undefined);
      work().then(
        () => done && report({ tone: 'info', text: done }),
        (error: unknown) => report({ tone: 'error', text: errorMessage(error) }),
      );
    };
    return {
      toggle: ({ role, state }) => {
        if (isSessionOn(state)) return run(() => api.deactivate(role.id));
        onActivate?.(role.id);
        run(() => api.activate(role.id));
      },
      refresh: ({ role }) => run(() => api.refresh(role.id)),
      setDefault: ({ role, isDefault }) =>
        run(
          () => api.setDefault(isDefault ? null : role.id),
          isDefault ? `${role.label} is no longer the default` : `${role.label} is the default`,
        ),
      openConsole: ({ role, state }, mode) => {
        // A sign-in activates a role without a session first: an MFA code it
        // needs on the way is asked for in the prompt, which takes the caret.
        if (mode === 'federated' && state !== 'active' && state !== 'refreshing') {
          onActivate?.(role.id);
        }
        run(() => api.openConsole(role.id, mode));
      },
      openConsoleAt: ({ role }, service) =>
        run(() => api.openConsoleAt(role.id, 'switch-role', service)),
      // A role without a live session is activated first (by main): the
      // profile named in the export must hold credentials.
      copyExport: ({ role }) =>
        run(() => api.copyProfileExport(role.id), `Copied export AWS_PROFILE=${role.profile}`),
      copyForTerminal: ({ role }) =>
        run(
          () => api.copyTerminalCommand(role.id),
          `Copied the switchyard env line for ${role.label}: paste it in a terminal`,
        ),
      copyForAdmin: ({ role }) =>
        run(
          () => api.copyForAdmin(role.id),
          `Copied your ARN and ${role.label}'s ARN for the admin: paste it in a message`,
        ),
      remove: ({ role }) => run(() => api.removeRole(role.id), `Removed ${role.label}`),
    };
  }, [api, report, onActivate]);
}
