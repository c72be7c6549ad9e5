import type { CSSProperties } from 'react';

/**
 * The role's colour as a dot: filled while its session is on, a ring while off.
 * The colour is any hex the user chose, so it is set as a CSS custom property
 * through React's style prop: that is CSSOM (element.style.setProperty), which
 * the page's style-src CSP does not block, unlike a style="" attribute.
 */
export function RoleDot({
  color,
  on,
  onToggle,
  title,
}: {
  color?: string;
  on: boolean;
  onToggle: () => void;
  title: string;
}) {
  const style = color ? ({ '--role-color': `#${color}` } as CSSProperties) : undefined;
  return (
    <span
      className={on ? 'role-dot is-on' : 'role-dot'}
      style={style}
      title={title}
      aria-hidden="true"
      onClick={(event) => {
        event.stopPropagation();
        onToggle();
      }}
    />
  );
}
