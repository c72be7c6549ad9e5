import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoleView, SessionState } from '../../../shared/model';
import { stateAnnouncements } from './state-announcements';

/**
 * The popup's one polite live region for session outcomes: results of
 * activate, retry, deactivate and failures (from the snapshot), and what the
 * user's removal and undo did. Always in the DOM, so a change is announced.
 * No role=status: the footer's own confirmation line keeps that role.
 */
export function LiveRegion({ text }: { text: string }) {
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {text}
    </div>
  );
}

/** The live region's text, following role state changes; `announce` adds the popup's own words. */
export function useAnnouncer(roles: readonly RoleView[]): [string, (text: string) => void] {
  const [text, setText] = useState('');
  const states = useRef<ReadonlyMap<string, SessionState> | undefined>(undefined);
  useEffect(() => {
    const before = states.current;
    states.current = new Map(roles.map((view) => [view.role.id, view.state]));
    // The first snapshot is the state the popup opened on, not news.
    if (!before) return;
    const said = stateAnnouncements(before, roles);
    if (said.length > 0) setText(said.join('. '));
  }, [roles]);
  const announce = useCallback((next: string) => setText(next), []);
  return [text, announce];
}
