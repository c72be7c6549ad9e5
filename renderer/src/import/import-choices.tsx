import type { RoleEntry } from '../../../shared/model';

/** One role the import offers, with the line saying where its credentials will go. */
export interface ImportChoice {
  /** The config profile: what the check box selects. */
  readonly profile: string;
  readonly label: string;
  readonly meta: string;
}

/** Where an imported role's keys go and what it is assumed from, in a line. */
export function choiceMeta(role: RoleEntry): string {
  const via =
    role.source.kind === 'sso'
      ? `Identity Center, signs in with ${role.source.session}`
      : role.roleArn;
  return `→ ${role.profile} · ${via}`;
}

/**
 * A list of check boxes, one per role: real inputs in labels, so Tab reaches
 * each and Space toggles it, and a screen reader reads the whole line.
 */
export function ImportChoices(props: {
  readonly title: string;
  readonly testId: string;
  readonly choices: readonly ImportChoice[];
  readonly selected: ReadonlySet<string>;
  readonly onToggle: (profile: string, on: boolean) => void;
}) {
  const { title, testId, choices, selected, onToggle } = props;
  if (choices.length === 0) return null;
  const headingId = `${testId}-heading`;
  return (
    <div className="import-section" data-testid={testId}>
      <h2 className="group-header static" id={headingId}>
        {title} ({choices.length})
      </h2>
      <ul className="import-list" aria-labelledby={headingId}>
        {choices.map((choice) => (
          <li key={choice.profile}>
            <label className="import-choice">
              <input
                type="checkbox"
                checked={selected.has(choice.profile)}
                onChange={(event) => onToggle(choice.profile, event.target.checked)}
              />
              <span className="import-choice-text">
                <span className="item-main">{choice.label}</span>
                <span className="item-meta">{choice.meta}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
