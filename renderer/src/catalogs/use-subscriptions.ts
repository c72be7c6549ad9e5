import { useCallback, useEffect, useState } from 'react';
import type { SubscriptionView } from '../../../shared/subscription-model';
import { useServices } from '../services-context';

/** The team catalog subscriptions: loaded once, then as the main process pushes them. */
export function useSubscriptions(): {
  readonly views: readonly SubscriptionView[];
  readonly reload: () => void;
} {
  const { api } = useServices();
  const [views, setViews] = useState<readonly SubscriptionView[]>([]);
  const reload = useCallback(() => {
    api.subscriptions().then(
      (list) => setViews(list ?? []),
      () => undefined, // the Settings view shows load errors; the banner just stays away
    );
  }, [api]);
  useEffect(() => {
    reload();
    return api.onSubscriptions((list) => setViews(list));
  }, [api, reload]);
  return { views, reload };
}

/** "3 new, 1 changed, 1 removed" */
export function countsText(counts: {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}): string {
  return `${counts.added} new, ${counts.changed} changed, ${counts.removed} removed`;
}
