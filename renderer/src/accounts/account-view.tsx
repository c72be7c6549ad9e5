import { type FormEvent, useState } from 'react';
import {
  groupedAccountId,
  type AccountName,
  type AccountPatch,
} from '../../../shared/account-name';
import { errorMessage } from '../bridge/error-message';
import { ColorField } from '../forms/color-field';
import { TextField } from '../forms/text-field';
import { useServices } from '../services-context';
import type { Report } from '../status/status';
import { aliasHint, aliasIsUsers } from './alias-hint';

/**
 * One account's name and colour, as every heading and role of it shows them.
 * The engine checks them (its one-line message is shown as is); an alias saved
 * here is the user's own, which Identity Center, IAM and subscriptions never
 * replace; so is one cleared here (Clear), which they leave empty. Name
 * automatically (offered while the alias is the user's, set or cleared) hands
 * it back to them, keeping the colour in the field.
 */
export function AccountView(props: {
  accountId: string;
  account: AccountName | undefined;
  report: Report;
  onDone: () => void;
}) {
  const { accountId, account, report, onDone } = props;
  const { api } = useServices();
  const [alias, setAlias] = useState(account?.alias ?? '');
  const [color, setColor] = useState(account?.color ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const shownId = groupedAccountId(accountId);

  const send = (patch: AccountPatch, done: string) => {
    setBusy(true);
    setError(undefined);
    api.updateAccount(accountId, patch).then(
      () => {
        report({ tone: 'info', text: done });
        onDone();
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
      },
    );
  };
  const colorPatch = () => (color.trim() === '' ? null : color.trim());
  const save = (event: FormEvent) => {
    event.preventDefault();
    const name = alias.trim();
    // An empty field clears an alias the account has (the clear then sticks);
    // on an account without one it leaves automatic naming as it is.
    const unnamed = name === '' && account?.alias === undefined;
    send(
      {
        ...(unnamed ? {} : { alias: name === '' ? null : name }),
        color: colorPatch(),
      },
      name === '' ? `Saved account ${shownId}` : `Saved ${name}`,
    );
  };
  const named = account?.alias !== undefined || account?.color !== undefined;

  return (
    <form className="settings-view account-view" onSubmit={save} aria-label="Account name">
      <div className="view-title">Account name</div>
      <div className="form-scroll">
        <div className="account-id">Account {shownId}</div>
        <TextField
          id="account-alias"
          label="Alias"
          value={alias}
          placeholder={shownId}
          autoFocus
          hint={aliasHint(account)}
          onChange={(value) => {
            setError(undefined);
            setAlias(value);
          }}
        />
        <ColorField
          id="account-color"
          value={color}
          onChange={(value) => {
            setError(undefined);
            setColor(value);
          }}
        />
      </div>
      <div className="form-error" role="alert" data-testid="account-error">
        {error ?? ''}
      </div>
      <div className="form-buttons">
        {aliasIsUsers(account) && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              send(
                { autoAlias: true, color: colorPatch() },
                `Account ${shownId} is named automatically`,
              )
            }
          >
            Name automatically
          </button>
        )}
        {named && (
          <button
            type="button"
            disabled={busy}
            onClick={() => send({ alias: null, color: null }, `Cleared account ${shownId}`)}
          >
            Clear
          </button>
        )}
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
