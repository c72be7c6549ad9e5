import { useMemo, useRef } from 'react';
import type { RoleView } from '../../../shared/model';
import { type RoleRecord, toRoleRecords } from './role-record';

/** Records for the snapshot's roles, rebuilt only for views that changed. */
export function useRoleRecords(views: readonly RoleView[]): readonly RoleRecord[] {
  const previous = useRef<readonly RoleRecord[]>([]);
  return useMemo(() => {
    const next = toRoleRecords(views, previous.current);
    previous.current = next;
    return next;
  }, [views]);
}
