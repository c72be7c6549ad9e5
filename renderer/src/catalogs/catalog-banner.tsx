import type { SubscriptionView } from '../../../shared/subscription-model';
import { countsText } from './use-subscriptions';

/**
 * One banner per subscription whose fetched changes wait for the user because
 * they remove or change an active role: "platform catalog: 3 new, 1 changed,
 * 1 removed — review". Nothing of it is applied until the user agrees.
 */
export function CatalogBanner(props: {
  readonly views: readonly SubscriptionView[];
  readonly onReview: () => void;
}) {
  const waiting = props.views.filter((view) => view.status.review);
  if (waiting.length === 0) return null;
  return (
    <>
      {waiting.map(({ record, status }) => (
        <section
          key={record.name}
          className="mfa-prompt catalog-banner"
          aria-label={`${record.name} catalog changes`}
        >
          <div className="mfa-title">
            {record.name} catalog: {countsText(status.review!)} —{' '}
            <button type="button" className="link-button" onClick={props.onReview}>
              review
            </button>
          </div>
        </section>
      ))}
    </>
  );
}
