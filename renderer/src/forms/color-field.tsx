import type { CSSProperties } from 'react';
import { CONSOLE_COLORS, type ConsoleColorName } from '../../../shared/console-colors';
import { FormField } from './form-field';

const NAMES = Object.keys(CONSOLE_COLORS) as ConsoleColorName[];

/** The console's palette as swatches, plus free hex (shown in the menu; the console may ignore it). */
export function ColorField(props: {
  id: string;
  value: string;
  problem?: string;
  onChange: (value: string) => void;
}) {
  const { id, value, problem, onChange } = props;
  const current = value.trim().replace(/^#/, '').toLowerCase();
  return (
    <FormField id={id} label="Colour" problem={problem}>
      {(describedBy) => (
        <div className="color-field">
          {NAMES.map((name) => (
            <button
              key={name}
              type="button"
              className="swatch"
              aria-label={name}
              aria-pressed={current === CONSOLE_COLORS[name] || current === name}
              // CSSOM, not a style attribute: allowed by the page's CSP (see role-dot.tsx).
              style={{ '--role-color': `#${CONSOLE_COLORS[name]}` } as CSSProperties}
              onClick={() => onChange(CONSOLE_COLORS[name])}
            />
          ))}
          <input
            id={id}
            type="text"
            className="color-text"
            value={value}
            placeholder="none"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={problem !== undefined}
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.value)}
          />
        </div>
      )}
    </FormField>
  );
}
