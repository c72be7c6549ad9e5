import { type CSSProperties, memo } from 'react';

/**
 * A group heading ("acme-prod · 1111-2222-3333 · 3 roles"): a menu section
 * title, not a page header. The account's colour shows as a small swatch.
 */
export const GroupHeader = memo(function GroupHeader({
  title,
  top,
  color,
}: {
  title: string;
  top: number;
  color?: string;
}) {
  // CSSOM, not a style attribute: allowed by the page's CSP (see role-dot.tsx).
  const swatch = color ? ({ '--account-color': `#${color}` } as CSSProperties) : undefined;
  return (
    <div role="presentation" className="group-header" style={{ transform: `translateY(${top}px)` }}>
      {swatch && <span className="account-swatch" style={swatch} aria-hidden="true" />}
      {title}
    </div>
  );
});
