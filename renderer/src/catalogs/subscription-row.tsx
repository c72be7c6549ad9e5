import { useState } from 'react';
import type { SubscriptionView } from '../../../shared/subscription-model';
import { errorMessage } from '../bridge/error-message';
import { useServices } from '../services-context';
import type { Report } from '../status/status';
import { countsText } from './use-subscriptions';

function when(ms: number | undefined): string {
  return ms === undefined ? 'never' : new Date(ms).toLocaleString();
}

/** One subscription: source, roles, last sync, its error or held-back roles, Sync now / Apply. */
export function SubscriptionRow({ view, report }: { view: SubscriptionView; report: Report }) {
  const { api } = useServices();
  const [busy, setBusy] = useState(false);
  const { record, status } = view;
  const sync = (yes: boolean) => {
    setBusy(true);
    api.syncSubscription(record.name, yes).then(
      (summary) => {
        setBusy(false);
        const text =
          summary.result === 'failed'
            ? `${record.name}: ${summary.error ?? 'sync failed'}`
            : summary.result === 'review'
              ? `${record.name}: changes to active roles wait for your review`
              : `${record.name}: ${countsText(summary)}`;
        report({ tone: summary.result === 'failed' ? 'error' : 'info', text });
      },
      (e: unknown) => {
        setBusy(false);
        report({ tone: 'error', text: errorMessage(e) });
      },
    );
  };
  return (
    <li className="sso-session" aria-label={`Subscription ${record.name}`}>
      <div className="details-line">
        <strong>{record.name}</strong>{' '}
        <span className="muted">
          {record.kind} · {view.roles} roles · last sync {when(status.syncedAt)}
        </span>
      </div>
      <div className="details-line muted" title={record.location}>
        {record.location}
      </div>
      {status.error && (
        <div className="details-error" role="alert">
          {status.error}
        </div>
      )}
      {status.conflicts.map((conflict) => (
        <div key={conflict} className="details-line muted">
          Held back: {conflict}
        </div>
      ))}
      {status.review && (
        <div className="details-line">
          Waiting for you: {countsText(status.review)}; active roles affected:{' '}
          {status.review.activeRoles.join(', ')}
        </div>
      )}
      <div className="sso-buttons">
        <button type="button" disabled={busy} onClick={() => sync(false)}>
          Sync now
        </button>
        {status.review && (
          <button type="button" className="primary" disabled={busy} onClick={() => sync(true)}>
            Apply changes
          </button>
        )}
      </div>
    </li>
  );
}
