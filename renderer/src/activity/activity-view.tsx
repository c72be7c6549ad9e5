import { useCallback, useEffect, useId, useState } from 'react';
import type { ActivityEntry } from '../../../shared/activity';
import { errorMessage } from '../bridge/error-message';
import { useServices } from '../services-context';
import { askerWords, clockTime, entryMatches, eventWords, subjectOf } from './activity-words';

type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'ready'; readonly entries: readonly ActivityEntry[] };

/** The audit trail's last day: what Switchyard issued or used, newest first, filterable. */
export function ActivityView({ onDone }: { onDone: () => void }) {
  const { api } = useServices();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [filter, setFilter] = useState('');
  const [failuresOnly, setFailuresOnly] = useState(false);
  const listId = useId();

  const load = useCallback(() => {
    let live = true;
    api.recentActivity().then(
      (entries) => live && setPhase({ kind: 'ready', entries }),
      (error: unknown) => live && setPhase({ kind: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [api]);
  useEffect(load, [load]);

  const shown =
    phase.kind === 'ready'
      ? phase.entries.filter(
          (e) => (!failuresOnly || e.outcome === 'error') && entryMatches(e, filter),
        )
      : [];
  return (
    <section className="activity-view" aria-label="Activity">
      <div className="view-title">Activity, last 24 hours</div>
      <div className="activity-filters">
        <input
          type="search"
          aria-label="Filter activity"
          aria-controls={listId}
          placeholder="Filter by role, profile, event…"
          value={filter}
          autoFocus
          onChange={(event) => setFilter(event.target.value)}
        />
        <label>
          <input
            type="checkbox"
            checked={failuresOnly}
            onChange={(event) => setFailuresOnly(event.target.checked)}
          />{' '}
          Failures only
        </label>
      </div>
      <div className="form-scroll">
        {phase.kind === 'loading' && <p className="muted">Reading the audit trail…</p>}
        {phase.kind === 'failed' && (
          <p className="form-error" role="alert">
            {phase.message}
          </p>
        )}
        {phase.kind === 'ready' && (
          <p className="muted" role="status">
            {shown.length === phase.entries.length
              ? `${shown.length} event${shown.length === 1 ? '' : 's'}`
              : `${shown.length} of ${phase.entries.length} events`}
          </p>
        )}
        {/* Focusable, so the keyboard can scroll a long list. */}
        <ol className="activity-list" id={listId} tabIndex={0} aria-label="Events, newest first">
          {shown.map((entry, index) => (
            <ActivityItem key={`${entry.time}-${index}`} entry={entry} />
          ))}
        </ol>
      </div>
      <div className="form-buttons">
        <button type="button" onClick={load}>
          Reload
        </button>
        <button type="button" className="primary" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}

function ActivityItem({ entry }: { entry: ActivityEntry }) {
  const failed = entry.outcome === 'error';
  const detail = failed
    ? (entry.errorCode ?? 'failed')
    : entry.expiresAt
      ? `until ${clockTime(entry.expiresAt)}`
      : '';
  return (
    <li className={failed ? 'activity-item failed' : 'activity-item'}>
      <time dateTime={entry.time}>{clockTime(entry.time)}</time>
      <span className="item-main">
        {eventWords(entry.event)} · {subjectOf(entry)}
      </span>
      <span className="item-meta">
        {[entry.profile, askerWords(entry.by), detail].filter(Boolean).join(' · ')}
      </span>
    </li>
  );
}
