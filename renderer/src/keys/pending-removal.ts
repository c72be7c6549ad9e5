import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoleView } from '../../../shared/model';
import { errorMessage } from '../bridge/error-message';
import { useServices } from '../services-context';
import type { Report } from '../status/status';

/** How long "Removed … · Undo" stays before the role is really removed. */
export const UNDO_MS = 5000;

export interface PendingRemoval {
  readonly roleId: string;
  readonly label: string;
}

export interface RemovalWithUndo {
  readonly pending?: PendingRemoval;
  /** Hides the role at once; the engine removes it when the undo window closes. */
  remove(view: RoleView): void;
  undo(): void;
}

/**
 * Delete with undo. The renderer holds the removal back and commits it through
 * the engine's normal removal path (which also drops the role's profile) when
 * the undo window ends, when the popup hides, when the page goes away, or when
 * another removal starts. Until then nothing has changed on disk, so an undo
 * is exact (same id, same live session) and a crash during the window keeps
 * the role rather than losing anything.
 */
export function useRemovalWithUndo(report: Report): RemovalWithUndo {
  const { api } = useServices();
  const [pending, setPending] = useState<PendingRemoval>();
  const current = useRef<PendingRemoval | undefined>(undefined);

  const commit = useCallback(() => {
    const removal = current.current;
    if (!removal) return;
    current.current = undefined;
    setPending(undefined);
    api
      .removeRole(removal.roleId)
      .catch((error: unknown) => report({ tone: 'error', text: errorMessage(error) }));
  }, [api, report]);

  const remove = useCallback(
    ({ role }: RoleView) => {
      commit();
      const removal = { roleId: role.id, label: role.label };
      current.current = removal;
      setPending(removal);
    },
    [commit],
  );

  const undo = useCallback(() => {
    current.current = undefined;
    setPending(undefined);
  }, []);

  useEffect(() => {
    if (!pending) return;
    const timer = window.setTimeout(commit, UNDO_MS);
    return () => window.clearTimeout(timer);
  }, [pending, commit]);

  useEffect(() => {
    const onVisibility = () => document.hidden && commit();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', commit);
    const stopShell = api.onPopupVisibility((visible) => visible || commit());
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', commit);
      stopShell();
      commit();
    };
  }, [api, commit]);

  return { pending, remove, undo };
}
