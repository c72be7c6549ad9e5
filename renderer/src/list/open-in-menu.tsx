import { useEffect, useState } from 'react';
import { CONSOLE_SERVICES } from '../../../shared/console-services';

const ALL_SERVICES = Object.keys(CONSOLE_SERVICES);

export interface OpenInMenuProps {
  readonly label: string;
  /** Most recent first; listed before the rest. */
  readonly recent: readonly string[];
  readonly onOpen: (service: string) => void;
}

/**
 * "Open in…": a service's console page for the role. A button that shows a
 * menu of buttons (recent services first), so it works from the keyboard like
 * the buttons beside it: Tab to move, Enter to open, Escape to close.
 */
export function OpenInMenu({ label, recent, onOpen }: OpenInMenuProps) {
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [label]);
  const known = recent.filter((name) => Object.hasOwn(CONSOLE_SERVICES, name));
  const rest = ALL_SERVICES.filter((name) => !known.includes(name));
  const item = (name: string, recentItem: boolean) => (
    <li key={`${recentItem ? 'recent-' : ''}${name}`} role="none">
      <button
        type="button"
        role="menuitem"
        className={recentItem ? 'recent' : undefined}
        onClick={() => {
          setOpen(false);
          onOpen(name);
        }}
      >
        {name}
      </button>
    </li>
  );
  return (
    <span className="open-in">
      {/* A narrow ▾ beside "Console": the details keep their height, so the list keeps its rows. */}
      <button
        type="button"
        className="open-in-button"
        aria-label="Open in…"
        title="Open in a service's console"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((was) => !was)}
      >
        ▾
      </button>
      {open && (
        <ul
          role="menu"
          aria-label={`Open ${label} in a service's console`}
          className="open-in-menu"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setOpen(false);
            }
          }}
        >
          {known.map((name) => item(name, true))}
          {rest.map((name) => item(name, false))}
        </ul>
      )}
    </span>
  );
}
