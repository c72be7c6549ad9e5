import { type FormEvent, useState } from 'react';
import type { Settings, ShortcutStatus } from '../../../shared/model';
import { errorMessage } from '../bridge/error-message';
import { useServices } from '../services-context';
import type { Report } from '../status/status';
import { type SettingsDraft, settingsPatch, shortcutProblem } from './settings-patch';
import { ShortcutField } from './shortcut-field';

/** What the shell said about binding the saved shortcut, as the line under the field. */
function statusLine(settings: Settings, status: ShortcutStatus | undefined) {
  if (!status || status.accelerator !== settings.shortcut) return undefined;
  if (status.registered) return { ok: true, text: 'Shortcut active' };
  const why =
    status.reason === 'invalid'
      ? 'Electron does not accept it as a shortcut'
      : 'another app may use it';
  return { ok: false, text: `Couldn’t register ${status.accelerator}: ${why}` };
}

function draftOf(settings: Settings): SettingsDraft {
  return {
    marginMinutes: String(settings.refreshMarginSeconds / 60),
    removeExpiredProfiles: settings.removeExpiredProfiles,
    launchAtLogin: settings.launchAtLogin,
    shortcut: settings.shortcut,
    auditMonths: String(settings.auditRetentionMonths),
  };
}

/** The settings; the engine checks them and its message is shown as is. */
export function SettingsView(props: {
  settings: Settings;
  report: Report;
  onDone: () => void;
  /** Opens the Identity Center view (sessions, sign-in). */
  onIdentityCenter: () => void;
  /** Opens the team catalogs view (subscriptions). */
  onCatalogs: () => void;
  /** Whether the shell could bind the saved shortcut (absent outside the tray app). */
  shortcutStatus?: ShortcutStatus;
}) {
  const { settings, report, onDone, onIdentityCenter, onCatalogs } = props;
  const { api } = useServices();
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [shortcutError, setShortcutError] = useState<string>();
  const parsed = settingsPatch(settings, draft);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.ok) {
      if (parsed.field === 'shortcut') return setShortcutError(parsed.problem);
      return setError(parsed.problem);
    }
    setBusy(true);
    setError(undefined);
    api.updateSettings(parsed.patch).then(
      () => {
        report({ tone: 'info', text: 'Settings saved' });
        // A new shortcut: stay, so the line under it says whether it could be bound.
        if (parsed.patch.shortcut !== undefined) setBusy(false);
        else onDone();
      },
      (failure: unknown) => {
        setBusy(false);
        const message = errorMessage(failure);
        if (/\bsettings\.shortcut: /.test(message)) setShortcutError(message);
        else setError(message);
      },
    );
  };
  const update = (patch: Partial<SettingsDraft>) => {
    setError(undefined);
    // A recorded shortcut is judged at once (Backspace's empty field waits for Save).
    if (patch.shortcut !== undefined) {
      setShortcutError(
        patch.shortcut === '' ? undefined : shortcutProblem(settings, patch.shortcut),
      );
    }
    setDraft((prev) => ({ ...prev, ...patch }));
  };

  return (
    <form className="settings-view" onSubmit={save} aria-label="Settings">
      <div className="view-title">Settings</div>
      <div className="form-scroll">
        <div className="form-field">
          <label htmlFor="settings-margin">Refresh before expiry (min)</label>
          <input
            id="settings-margin"
            type="text"
            inputMode="numeric"
            autoFocus
            value={draft.marginMinutes}
            aria-describedby="settings-margin-note"
            onChange={(event) => update({ marginMinutes: event.target.value })}
          />
          <div id="settings-margin-note" className="field-hint">
            Countdowns turn amber inside this margin.
          </div>
        </div>
        <label className="check-field">
          <input
            type="checkbox"
            checked={draft.removeExpiredProfiles}
            onChange={(event) => update({ removeExpiredProfiles: event.target.checked })}
          />
          Remove a profile from ~/.aws/credentials once its session expired
        </label>
        <label className="check-field">
          <input
            type="checkbox"
            checked={draft.launchAtLogin}
            onChange={(event) => update({ launchAtLogin: event.target.checked })}
          />
          Launch at login
        </label>
        <ShortcutField
          value={draft.shortcut}
          onChange={(shortcut) => update({ shortcut })}
          problem={shortcutError}
          status={statusLine(settings, props.shortcutStatus)}
        />
        <div className="form-field">
          <label htmlFor="settings-audit-months">Keep activity (months)</label>
          <input
            id="settings-audit-months"
            type="text"
            inputMode="numeric"
            value={draft.auditMonths}
            aria-describedby="settings-audit-note"
            onChange={(event) => update({ auditMonths: event.target.value })}
          />
          <div id="settings-audit-note" className="field-hint">
            The audit trail of every credential issued; older months are removed.
          </div>
        </div>
        <div className="form-field">
          <span className="field-label">Identity Center</span>
          <button type="button" className="link-button" onClick={onIdentityCenter}>
            Sessions and sign-in…
          </button>
        </div>
        <div className="form-field">
          <span className="field-label">Team catalogs</span>
          <button type="button" className="link-button" onClick={onCatalogs}>
            Subscriptions…
          </button>
        </div>
      </div>
      <div className="form-error" role="alert" data-testid="settings-error">
        {error ?? ''}
      </div>
      <div className="form-buttons">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
}
