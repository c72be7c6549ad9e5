import { memo } from 'react';

/**
 * A group (account alias or account id) heading: a menu section title, not a
 * page header. It names its role=group (aria-labelledby, role-list.tsx) and is
 * hidden itself, so the name is heard once, on entering the group.
 */
export const GroupHeader = memo(function GroupHeader({
  id,
  title,
  top,
}: {
  id: string;
  title: string;
  top: number;
}) {
  return (
    <div
      id={id}
      aria-hidden="true"
      className="group-header"
      style={{ transform: `translateY(${top}px)` }}
    >
      {title}
    </div>
  );
});
