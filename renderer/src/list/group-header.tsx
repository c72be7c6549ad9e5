import { memo } from 'react';

/** A group (account alias or account id) heading: a menu section title, not a page header. */
export const GroupHeader = memo(function GroupHeader({
  title,
  top,
}: {
  title: string;
  top: number;
}) {
  return (
    <div role="presentation" className="group-header" style={{ transform: `translateY(${top}px)` }}>
      {title}
    </div>
  );
});
