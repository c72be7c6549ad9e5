import { type RefObject, useEffect } from 'react';
import type { View } from '../view';

const FOCUSABLE =
  'input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

function lost(): boolean {
  const active = document.activeElement;
  return (active === null || active === document.body) && document.hasFocus();
}

/**
 * Focus never rests on <body> while the popup is in use: after a view change
 * it lands in the new view (the list's search box or MFA code via `primary`,
 * else the view's first control), and when the focused control goes away (a
 * removed row's buttons, a closed prompt) it lands there again.
 */
export function useFocusLanding(
  rootRef: RefObject<HTMLElement | null>,
  view: View,
  primary: () => void,
): void {
  useEffect(() => {
    const land = () => {
      if (!lost()) return;
      if (view.kind === 'list') return primary();
      rootRef.current?.querySelector<HTMLElement>(`main ${FOCUSABLE}`)?.focus();
    };
    land();
    const root = rootRef.current;
    // A focused element that is removed or hidden takes the focus with it; the
    // next task sees <body> focused and puts it back.
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget === null) window.setTimeout(land, 0);
    };
    root?.addEventListener('focusout', onFocusOut);
    return () => root?.removeEventListener('focusout', onFocusOut);
  }, [rootRef, view, primary]);
  // Any render may have removed the focused control: put the focus back.
  useEffect(() => {
    if (lost() && view.kind === 'list') primary();
  });
}
