import type { ListRow } from '../roles/list-rows';

/**
 * The "Rename" buttons of the headings in view. They sit in a layer beside the
 * listbox rather than inside it, where only options (and groups) belong; each
 * is placed over its heading and is a real, tabbable button.
 */
export function RenameButtons({
  rows,
  onRename,
}: {
  rows: readonly { readonly row: ListRow; readonly top: number }[];
  onRename: (accountId: string) => void;
}) {
  const buttons = [];
  for (const { row, top } of rows) {
    if (row.kind !== 'group' || row.accountId === undefined) continue;
    const { accountId } = row;
    buttons.push(
      <button
        key={row.key}
        type="button"
        className="link-button heading-rename"
        style={{ transform: `translateY(${top}px)` }}
        aria-label={`Rename account ${row.name ?? row.title}`}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => onRename(accountId)}
      >
        Rename
      </button>,
    );
  }
  return buttons.length > 0 ? <div className="heading-actions">{buttons}</div> : null;
}
