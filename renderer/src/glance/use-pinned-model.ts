import { useEffect, useMemo, useState } from 'react';
import { buildListModel, type ListModel } from '../roles/list-rows';
import type { RoleRecord } from '../roles/role-record';
import { pinRank } from './pin-rank';
import { nextExpiringChange } from './role-glance';

/**
 * The list model with the pinned section, pinned as of now. Which sessions are
 * "expiring" changes with time, not only with snapshots: a timer re-pins the
 * list when the next lapse enters the refresh margin (one timer, none when no
 * session lapses).
 */
export function usePinnedModel(
  filtered: readonly RoleRecord[],
  records: readonly RoleRecord[],
  marginMs: number,
): ListModel {
  const [epoch, setEpoch] = useState(0);
  const model = useMemo(() => {
    void epoch; // a new epoch: a lapse entered the margin, pin again
    const now = Date.now();
    return buildListModel(filtered, (record) => pinRank(record.view, now, marginMs));
  }, [filtered, marginMs, epoch]);
  useEffect(() => {
    const now = Date.now();
    const next = nextExpiringChange(
      records.map((record) => record.view),
      now,
      marginMs,
    );
    if (next === undefined) return;
    const timer = window.setTimeout(
      () => setEpoch((count) => count + 1),
      Math.min(next - now + 50, 2 ** 31 - 1),
    );
    return () => window.clearTimeout(timer);
  }, [records, marginMs, epoch]);
  return model;
}
