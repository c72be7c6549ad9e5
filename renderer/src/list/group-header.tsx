import { type CSSProperties, memo } from 'react';

/**
 * A group heading ("acme-prod · 1111-2222-3333 · 3 roles"): a menu section
 * title, not a page header. It names its role=group (aria-labelledby,
 * role-list.tsx) and is hidden itself, so the name is heard once, on entering
 * the group. The account's colour shows as a small swatch.
 */
export const GroupHeader = memo(function GroupHeader({
  id,
  title,
  top,
  color,
}: {
  id: string;
  title: string;
  top: number;
  color?: string;
}) {
  // CSSOM, not a style attribute: allowed by the page's CSP (see role-dot.tsx).
  const swatch = color ? ({ '--account-color': `#${color}` } as CSSProperties) : undefined;
  return (
    <div
      id={id}
      aria-hidden="true"
      className="group-header"
      style={{ transform: `translateY(${top}px)` }}
    >
      {swatch && <span className="account-swatch" style={swatch} aria-hidden="true" />}
      {title}
    </div>
  );
});
