import { Fragment, memo } from 'react';
import { shortcutText } from './shortcut-text';

const HINTS: readonly (readonly [keys: string, what: string])[] = [
  ['Enter', 'on/off'],
  [shortcutText('O'), 'console'],
  [shortcutText('O', true), 'sign in'],
  [shortcutText('C', true), 'export'],
  [shortcutText('T'), 'terminal'],
  [shortcutText('R'), 'refresh'],
  [shortcutText('D'), 'default'],
  [shortcutText('E'), 'edit'],
  [shortcutText('N'), 'add'],
];

/** The list's shortcuts in plain sight (not only in tooltips), under the selected role's details. */
export const ShortcutHints = memo(function ShortcutHints() {
  return (
    <p className="shortcut-hints" data-testid="shortcut-hints">
      {HINTS.map(([keys, what], index) => (
        <Fragment key={what}>
          {index > 0 && ' · '}
          <span className="shortcut-hint">
            <kbd>{keys}</kbd> {what}
          </span>
        </Fragment>
      ))}
    </p>
  );
});
