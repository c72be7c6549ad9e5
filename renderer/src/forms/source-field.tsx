import type { RoleEntry, RoleSource } from '../../../shared/model';
import type { SourceProfileView } from '../../../shared/ipc-contract';
import { FormField } from './form-field';
import { SuggestionList } from './suggestion-list';
import type { FormField as Field, RoleFormValues } from './role-form-values';

const KINDS: readonly { kind: RoleSource['kind']; text: string }[] = [
  { kind: 'profile', text: 'AWS profile' },
  { kind: 'role', text: 'Another role (chained)' },
  { kind: 'keys', text: 'Keys in the keychain' },
  { kind: 'default', text: 'Default credential chain' },
];

export interface SourceFieldProps {
  readonly values: RoleFormValues;
  readonly problems: Partial<Record<Field, string>>;
  /** Roles this one may be chained from (itself excluded). */
  readonly roles: readonly RoleEntry[];
  readonly set: (field: Field, value: string) => void;
  readonly blur: (field: Field) => void;
  /** A team catalog's role: the source is shown, not editable. */
  readonly locked?: boolean;
  /** Profiles of ~/.aws/credentials and ~/.aws/config, suggested for "AWS profile". */
  readonly profiles?: readonly SourceProfileView[];
}

const WHERE: Readonly<Record<SourceProfileView['where'], string>> = {
  credentials: 'in ~/.aws/credentials',
  config: 'in ~/.aws/config',
  both: 'in ~/.aws/credentials and ~/.aws/config',
};

/** Where the caller's credentials come from: a kind, and the one name that kind needs. */
export function SourceField(props: SourceFieldProps) {
  const { values, problems, roles, set, blur, locked, profiles = [] } = props;
  const detailId = 'role-source-detail';
  const detailField: Field | undefined =
    values.sourceKind === 'profile'
      ? 'sourceProfile'
      : values.sourceKind === 'role'
        ? 'sourceRoleId'
        : values.sourceKind === 'keys'
          ? 'sourceKeys'
          : undefined;
  const problem = problems.sourceKind ?? (detailField ? problems[detailField] : undefined);
  const hint =
    values.sourceKind === 'role'
      ? 'AWS caps a session assumed from another role’s session at 1 hour.'
      : values.sourceKind === 'default'
        ? 'Environment variables, SSO, instance or container credentials.'
        : undefined;
  return (
    <FormField id="role-source" label="Assume from" problem={problem} hint={hint}>
      {(describedBy) => (
        <div className="source-field">
          <select
            id="role-source"
            value={values.sourceKind}
            aria-describedby={describedBy}
            disabled={locked}
            onChange={(event) => set('sourceKind', event.target.value)}
          >
            {KINDS.map(({ kind, text }) => (
              <option key={kind} value={kind}>
                {text}
              </option>
            ))}
          </select>
          {values.sourceKind === 'profile' && (
            <input
              id={detailId}
              type="text"
              aria-label="Source profile"
              readOnly={locked}
              placeholder="profile name"
              spellCheck={false}
              value={values.sourceProfile}
              aria-invalid={problems.sourceProfile !== undefined}
              aria-describedby={describedBy}
              onChange={(event) => set('sourceProfile', event.target.value)}
              onBlur={() => blur('sourceProfile')}
              list={profiles.length > 0 ? 'role-source-profiles' : undefined}
            />
          )}
          {values.sourceKind === 'profile' && profiles.length > 0 && (
            <SuggestionList
              id="role-source-profiles"
              items={profiles.map((profile) => ({
                value: profile.name,
                note: WHERE[profile.where],
              }))}
            />
          )}
          {values.sourceKind === 'role' && (
            <select
              id={detailId}
              aria-label="Source role"
              disabled={locked}
              value={values.sourceRoleId}
              aria-describedby={describedBy}
              onChange={(event) => set('sourceRoleId', event.target.value)}
              onBlur={() => blur('sourceRoleId')}
            >
              <option value="">Choose a role…</option>
              {roles.map((role) => (
                <option key={role.id} value={role.id}>
                  {role.label} ({role.profile})
                </option>
              ))}
            </select>
          )}
          {values.sourceKind === 'keys' && (
            <input
              id={detailId}
              type="text"
              aria-label="Keychain source name"
              readOnly={locked}
              placeholder="name the keys are stored under"
              spellCheck={false}
              value={values.sourceKeys}
              aria-describedby={describedBy}
              onChange={(event) => set('sourceKeys', event.target.value)}
              onBlur={() => blur('sourceKeys')}
            />
          )}
        </div>
      )}
    </FormField>
  );
}
