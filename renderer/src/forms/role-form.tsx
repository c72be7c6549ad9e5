import { type FormEvent, useMemo, useState } from 'react';
import type { RoleEntry } from '../../../shared/model';
import { errorMessage } from '../bridge/error-message';
import { useDirtyForm } from '../keys/dirty-form';
import { useServices } from '../services-context';
import { ColorField } from './color-field';
import {
  EMPTY_VALUES,
  type FormField,
  fieldOfMessage,
  formProblems,
  type RoleFormValues,
  toRoleForm,
  valuesFromRole,
} from './role-form-values';
import { regionsForArnText } from '../../../shared/partition-regions';
import { autoProfile, profileHint } from './profile-preview';
import { SourceField } from './source-field';
import { TextField } from './text-field';
import { useSourceProfiles } from './use-source-profiles';

export interface RoleFormProps {
  /** The role being edited; undefined adds a new one. */
  readonly role?: RoleEntry;
  readonly roles: readonly RoleEntry[];
  readonly onDone: (saved?: RoleEntry) => void;
}

/**
 * Add or edit a role. Each field shows the shared validator's message once the
 * user has typed in it (or tried to save); what only the engine can know (a
 * profile already in use, a loop of chained roles) comes back as its
 * InputError, shown under the field it names and above the buttons.
 */
export function RoleForm({ role, roles, onDone }: RoleFormProps) {
  const { api } = useServices();
  const [initial] = useState<RoleFormValues>(() => (role ? valuesFromRole(role) : EMPTY_VALUES));
  const [values, setValues] = useState<RoleFormValues>(initial);
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [engineError, setEngineError] = useState<string>();
  const [profileEdited, setProfileEdited] = useState(role !== undefined);
  const sourceProfiles = useSourceProfiles();
  const regions = useMemo(
    () => regionsForArnText(values.roleArn).map((region) => ({ value: region })),
    [values.roleArn],
  );

  const problems = useMemo(() => formProblems(values), [values]);
  // Escape asks before dropping what was typed (tray-menu.tsx).
  useDirtyForm((Object.keys(values) as FormField[]).some((name) => values[name] !== initial[name]));
  const engineField = engineError === undefined ? undefined : fieldOfMessage(engineError);
  const shown = (field: FormField): string | undefined => {
    if (engineField === field) return engineError;
    return submitted || touched.has(field) ? problems[field] : undefined;
  };
  const shownProblems = Object.fromEntries(
    (Object.keys(values) as FormField[]).map((field) => [field, shown(field)]),
  ) as Partial<Record<FormField, string>>;

  const touch = (field: FormField) => setTouched((prev) => new Set(prev).add(field));
  const set = (field: FormField, value: string) => {
    setEngineError(undefined);
    setValues((prev) => {
      const next = { ...prev, [field]: value };
      if ((field === 'label' || field === 'roleArn') && !profileEdited) {
        next.profile = autoProfile(next.label, next.roleArn);
      }
      return next;
    });
    if (field === 'profile') setProfileEdited(true);
    // Complain while typing only once there is something to complain about.
    if (value.trim() !== '') touch(field);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (busy || Object.keys(problems).length > 0) return;
    setBusy(true);
    setEngineError(undefined);
    const form = toRoleForm(values);
    (role ? api.updateRole(role.id, form) : api.addRole(form)).then(
      (saved) => {
        setBusy(false);
        onDone(saved);
      },
      (error: unknown) => {
        setBusy(false);
        setEngineError(errorMessage(error));
      },
    );
  };

  // A team catalog's role: its definition follows the catalog; the rest is the user's.
  const upstream = role?.subscription !== undefined;
  const field = (
    name: FormField,
    label: string,
    extra: Partial<Parameters<typeof TextField>[0]> = {},
  ) => (
    <TextField
      id={`role-${name}`}
      label={label}
      value={values[name]}
      problem={shownProblems[name]}
      onChange={(value) => set(name, value)}
      onBlur={() => touch(name)}
      {...extra}
    />
  );

  return (
    <form
      className="role-form"
      onSubmit={submit}
      noValidate
      aria-label={role ? 'Edit role' : 'Add role'}
    >
      <div className="view-title">{role ? `Edit ${role.label}` : 'Add a role'}</div>
      <div className="form-scroll">
        {field('label', 'Label', { autoFocus: true, placeholder: 'Prod admin' })}
        {field('roleArn', 'Role ARN', {
          placeholder: 'arn:aws:iam::123456789012:role/Admin',
          ...(upstream
            ? {
                readOnly: true,
                hint: `From team catalog ${role?.subscription}: the ARN, source, duration and external ID change upstream.`,
              }
            : {}),
        })}
        {field('profile', 'Profile', {
          placeholder: 'prod-admin',
          hint: <span data-testid="profile-preview">{profileHint(values.profile)}</span>,
        })}
        <SourceField
          values={values}
          problems={shownProblems}
          roles={roles.filter((other) => other.id !== role?.id)}
          set={set}
          blur={touch}
          locked={upstream}
          profiles={sourceProfiles}
        />
        {field('group', 'Group', { placeholder: 'account alias, e.g. prod' })}
        <ColorField
          id="role-color"
          value={values.color}
          problem={shownProblems.color}
          onChange={(v) => set('color', v)}
        />
        {field('region', 'Region', { placeholder: 'us-east-1', suggestions: regions })}
        {field('duration', 'Duration (s)', {
          placeholder: '3600',
          inputMode: 'numeric',
          readOnly: upstream,
        })}
        {field('externalId', 'External ID', { readOnly: upstream })}
        {field('sessionName', 'Session name', { placeholder: 'switchyard-<user>' })}
        {field('mfaSerial', 'MFA serial', { placeholder: 'arn:aws:iam::123456789012:mfa/me' })}
        {field('tags', 'Tags', { placeholder: 'prod, admin' })}
        {field('consoleBrowser', 'Console browser', {
          placeholder: 'default',
          hint: 'chrome, chromium, edge, brave, vivaldi, arc, firefox-container or a path: a profile (or container) of its own for this role. Empty: the default.',
        })}
        {values.consoleBrowser.trim() !== '' &&
          field('consoleProfile', 'Chromium profile', {
            placeholder: 'Profile 2',
            hint: 'An existing profile folder instead of one for this role.',
          })}
      </div>
      <div className="form-error" role="alert" data-testid="form-error">
        {engineError ?? ''}
      </div>
      <div className="form-buttons">
        <button type="button" onClick={() => onDone()}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : role ? 'Save' : 'Add role'}
        </button>
      </div>
    </form>
  );
}
