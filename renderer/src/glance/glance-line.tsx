import { memo, type ReactNode, useMemo } from 'react';
import type { RoleView } from '../../../shared/model';
import { summarize } from './glance-summary';
import { NextExpiryText } from './next-expiry';
import { hasToken, toggleToken } from './search-query';

export interface GlanceLineProps {
  readonly views: readonly RoleView[];
  readonly query: string;
  readonly onQuery: (query: string) => void;
  /** Selects a role (the one whose session ends first). */
  readonly onActive: (roleId: string) => void;
}

function FilterButton(props: {
  readonly token: string;
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly children: ReactNode;
}) {
  const { token, query, onQuery, children } = props;
  const on = hasToken(query, token);
  return (
    <button
      type="button"
      className="glance-part"
      aria-pressed={on}
      title={on ? `Remove the ${token} filter` : `Show ${token}`}
      onClick={() => onQuery(toggleToken(query, token))}
    >
      {children}
    </button>
  );
}

/**
 * The status line above the list: "4 live · 1 needs you · next expiry 3m".
 * Each part is a button that puts its search token in the search box (or
 * takes it out again); the expiry also selects the role that expires first.
 */
export const GlanceLine = memo(function GlanceLine(props: GlanceLineProps) {
  const { views, query, onQuery, onActive } = props;
  const summary = useMemo(() => summarize(views), [views]);
  const { live, needsYou, nextExpiry } = summary;
  const parts = [
    live > 0 ? (
      <FilterButton key="live" token="is:live" query={query} onQuery={onQuery}>
        {live} live
      </FilterButton>
    ) : (
      <span key="live" className="glance-none">
        Nothing live
      </span>
    ),
  ];
  if (needsYou > 0)
    parts.push(
      <FilterButton key="needs" token="is:needs" query={query} onQuery={onQuery}>
        <span className="glance-needs">
          {needsYou} {needsYou === 1 ? 'needs' : 'need'} you
        </span>
      </FilterButton>,
    );
  if (nextExpiry)
    parts.push(
      <button
        key="expiry"
        type="button"
        className="glance-part"
        title="Select the role that expires first"
        onClick={() => {
          if (!hasToken(query, 'is:live')) onQuery(toggleToken(query, 'is:live'));
          onActive(nextExpiry.roleId);
        }}
      >
        <NextExpiryText at={nextExpiry.at} />
      </button>,
    );
  return (
    <div className="glance-line" role="group" aria-label="At a glance">
      {parts.flatMap((part, index) =>
        index === 0
          ? [part]
          : [
              <span key={`dot-${index}`} className="glance-dot" aria-hidden="true">
                ·
              </span>,
              part,
            ],
      )}
    </div>
  );
});
