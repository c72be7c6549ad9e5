import { type FormEvent, useState } from 'react';
import type { SubscriptionView } from '../../../shared/subscription-model';
import { errorMessage } from '../bridge/error-message';
import { TextField } from '../forms/text-field';
import { useServices } from '../services-context';
import type { Report } from '../status/status';
import { SubscriptionRow } from './subscription-row';
import { countsText } from './use-subscriptions';

/**
 * Team catalogs: each subscription with its last sync and problems (Sync now,
 * Apply changes that wait for review), and a source to subscribe to. The
 * engine checks the source (https only, no credentials in URLs…) and its
 * one-line message is shown as is.
 */
export function CatalogsView(props: {
  readonly views: readonly SubscriptionView[];
  readonly report: Report;
  readonly onDone: () => void;
}) {
  const { views, report, onDone } = props;
  const { api } = useServices();
  const [source, setSource] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (source === '' || busy) return;
    setBusy(true);
    setError(undefined);
    api.addSubscription({ source, ...(name !== '' ? { name } : {}) }).then(
      (summary) => {
        setBusy(false);
        setSource('');
        setName('');
        report({ tone: 'info', text: `Subscribed to ${summary.name}: ${countsText(summary)}` });
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorMessage(e));
      },
    );
  };

  return (
    <form className="settings-view sso-view" onSubmit={submit} aria-label="Team catalogs">
      <div className="view-title">Team catalogs</div>
      <div className="form-scroll">
        {views.length > 0 ? (
          <ul className="sso-sessions" aria-label="Subscriptions">
            {views.map((view) => (
              <SubscriptionRow key={view.record.name} view={view} report={report} />
            ))}
          </ul>
        ) : (
          <p className="field-hint">
            Follow your team&apos;s shared list of roles: a catalog export at an https URL, a file,
            or a git repository.
          </p>
        )}
        <div className="group-header">Subscribe</div>
        <TextField
          id="catalog-source"
          label="Source"
          value={source}
          placeholder="https://… , /path/to/catalog.json or git@host:team/roles.git"
          autoFocus
          onChange={(value) => {
            setError(undefined);
            setSource(value.trim());
          }}
        />
        <TextField
          id="catalog-name"
          label="Name"
          value={name}
          placeholder="from the source"
          onChange={(value) => setName(value.trim())}
        />
      </div>
      <div className="form-error" role="alert" data-testid="catalogs-error">
        {error ?? ''}
      </div>
      <div className="form-buttons">
        <button type="button" onClick={onDone}>
          Close
        </button>
        <button type="submit" className="primary" disabled={busy || source === ''}>
          Subscribe
        </button>
      </div>
    </form>
  );
}
