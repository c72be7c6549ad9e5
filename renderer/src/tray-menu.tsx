import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RoleEntry, Snapshot } from '../../shared/model';
import { accountNameOf } from './accounts/account-name-of';
import { AccountView } from './accounts/account-view';
import { ActivityView } from './activity/activity-view';
import { CatalogBanner } from './catalogs/catalog-banner';
import { CatalogsView } from './catalogs/catalogs-view';
import { useSubscriptions } from './catalogs/use-subscriptions';
import { FooterBar } from './footer-bar';
import { RoleForm } from './forms/role-form';
import { ImportView } from './import/import-view';
import { DirtyFormContext } from './keys/dirty-form';
import { DiscardPrompt } from './keys/discard-prompt';
import { LiveRegion, useAnnouncer } from './keys/live-region';
import { useRemovalWithUndo } from './keys/pending-removal';
import { shortcutText } from './keys/shortcut-text';
import { UndoBar } from './keys/undo-bar';
import { useFocusLanding } from './keys/use-focus-landing';
import { useUndoKey } from './keys/use-undo-key';
import { ListView } from './list/list-view';
import { useRoleActions } from './list/use-role-actions';
import { MfaPrompt } from './mfa/mfa-prompt';
import { useMfaFocus } from './mfa/use-mfa-focus';
import { useRoleRecords } from './roles/use-role-records';
import { useServices } from './services-context';
import { SettingsView } from './settings/settings-view';
import { IdentityCenterView } from './sso/identity-center-view';
import { SignInPrompt } from './sso/sign-in-prompt';
import { SsoSignInPanel } from './sso/sso-sign-in-panel';
import { useSsoProgress } from './sso/use-sso-progress';
import { useStatus } from './status/use-status';
import { LIST_VIEW, type View } from './view';

/** The popup: the sign-in and MFA prompts on top, then the list (or a form), then the footer. */
export function TrayMenu({ snapshot }: { snapshot: Snapshot }) {
  const { api } = useServices();
  const [view, setView] = useState<View>(LIST_VIEW);
  const [query, setQuery] = useState('');
  const [activeId, setActiveId] = useState<string>();
  const [status, report] = useStatus();
  const rootRef = useRef<HTMLDivElement>(null);
  const { onActivate, firstMfaInput } = useMfaFocus(rootRef, snapshot.mfaPrompts);
  const baseActions = useRoleActions(report, onActivate);
  const removal = useRemovalWithUndo(report);
  const removeLater = removal.remove;
  const [announcement, announce] = useAnnouncer(snapshot.roles);
  // Stable while its parts are, so the memoised rows keep their callbacks.
  const actions = useMemo(
    () => ({
      ...baseActions,
      remove: (view: Parameters<typeof baseActions.remove>[0]) => {
        removeLater(view);
        announce(`Removed ${view.role.label}. Undo with ${shortcutText('Z')}.`);
      },
    }),
    [baseActions, removeLater, announce],
  );
  const undo = () => {
    if (!removal.pending) return false;
    announce(`Restored ${removal.pending.label}`);
    setActiveId(removal.pending.roleId);
    removal.undo();
    searchRef.current?.focus();
    return true;
  };
  const allRecords = useRoleRecords(snapshot.roles);
  const hiddenId = removal.pending?.roleId;
  // A role being removed leaves the list at once; the engine hears of it when the undo window ends.
  const records = useMemo(
    () => (hiddenId ? allRecords.filter((record) => record.view.role.id !== hiddenId) : allRecords),
    [allRecords, hiddenId],
  );
  const dirtyForm = useRef(false);
  const setDirtyForm = useCallback((dirty: boolean) => {
    dirtyForm.current = dirty;
  }, []);
  const [askDiscard, setAskDiscard] = useState(false);
  const focusBeforeAsk = useRef<HTMLElement | null>(null);
  const ssoProgress = useSsoProgress();
  const catalogs = useSubscriptions();
  const signingIn = ['starting', 'device', 'browser', 'syncing'].includes(ssoProgress.phase);
  const searchRef = useRef<HTMLInputElement>(null);

  const hasMfa = snapshot.mfaPrompts.length > 0;
  /** Where typing goes when the popup opens: a waiting MFA code, else the search box. */
  const focusPrimary = useCallback(() => {
    const target = firstMfaInput() ?? searchRef.current;
    target?.focus();
    target?.select();
  }, [firstMfaInput]);

  // Only a code waiting when the popup first renders takes the caret; prompts
  // that appear later must not steal it (see use-mfa-focus.ts).
  const openedWithMfa = useRef(hasMfa);
  useEffect(() => {
    if (openedWithMfa.current) focusPrimary();
    window.addEventListener('focus', focusPrimary);
    return () => window.removeEventListener('focus', focusPrimary);
  }, [focusPrimary]);
  // Once the last MFA prompt is answered, typing goes back to the search box.
  useEffect(() => {
    if (!hasMfa && view.kind === 'list') searchRef.current?.focus();
  }, [hasMfa, view.kind]);

  useEffect(
    () =>
      api.onFocusRole((roleId) => {
        setView(LIST_VIEW);
        setQuery('');
        setActiveId(roleId);
      }),
    [api],
  );

  useEffect(() => setAskDiscard(false), [view]);
  const keepEditing = () => {
    setAskDiscard(false);
    focusBeforeAsk.current?.focus();
  };
  // Escape steps back: a form (asking first if it holds unsaved input) → the
  // list → a cleared search → the popup hides.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      if (askDiscard) keepEditing();
      else if (view.kind !== 'list' && dirtyForm.current) {
        focusBeforeAsk.current = document.activeElement as HTMLElement | null;
        setAskDiscard(true);
      } else if (view.kind !== 'list') setView(LIST_VIEW);
      else if (query !== '') setQuery('');
      else void api.hidePopup();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });
  useFocusLanding(rootRef, view, focusPrimary);
  // Ctrl/Cmd+Z takes back the pending removal from any view, as the Undo bar offers it.
  useUndoKey(searchRef, removal.pending, undo);

  const backToList = (saved?: RoleEntry) => {
    setView(LIST_VIEW);
    if (saved) {
      setQuery('');
      setActiveId(saved.id);
      report({ tone: 'info', text: `Saved ${saved.label}` });
    }
  };
  const labelOf = (roleId: string) =>
    snapshot.roles.find((view) => view.role.id === roleId)?.role.label ?? 'a removed role';
  const showList = () => setView(LIST_VIEW);

  return (
    <div className="tray-menu" ref={rootRef}>
      <SsoSignInPanel progress={ssoProgress} />
      {snapshot.signInPrompts.map((prompt) => (
        <SignInPrompt key={prompt.session} prompt={prompt} labelOf={labelOf} busy={signingIn} />
      ))}
      <CatalogBanner views={catalogs.views} onReview={() => setView({ kind: 'catalogs' })} />
      {snapshot.mfaPrompts.map((prompt) => (
        <MfaPrompt key={prompt.sourceKey} prompt={prompt} labelOf={labelOf} report={report} />
      ))}
      <main className="view">
        {view.kind === 'list' && (
          <ListView
            snapshot={snapshot}
            records={records}
            query={query}
            activeId={activeId}
            actions={actions}
            searchRef={searchRef}
            autoFocus={!hasMfa}
            onQuery={(next) => {
              setQuery(next);
              // A new filter selects its first match: Enter acts on the top result.
              setActiveId(undefined);
            }}
            onActive={setActiveId}
            onEdit={(roleId) => setView({ kind: 'edit', roleId })}
            onAdd={() => setView({ kind: 'add' })}
            onImport={() => setView({ kind: 'import' })}
            onRenameAccount={(accountId) => setView({ kind: 'account', accountId })}
          />
        )}
        {askDiscard && <DiscardPrompt onDiscard={() => setView(LIST_VIEW)} onKeep={keepEditing} />}
        {(view.kind === 'add' || view.kind === 'edit') && (
          <DirtyFormContext.Provider value={setDirtyForm}>
            <RoleForm
              key={view.kind === 'edit' ? view.roleId : 'add'}
              role={
                view.kind === 'edit'
                  ? snapshot.roles.find((item) => item.role.id === view.roleId)?.role
                  : undefined
              }
              roles={snapshot.roles.map((item) => item.role)}
              onDone={backToList}
            />
          </DirtyFormContext.Provider>
        )}
        {view.kind === 'import' && <ImportView report={report} onDone={showList} />}
        {view.kind === 'settings' && (
          <SettingsView
            settings={snapshot.settings}
            report={report}
            onDone={showList}
            onIdentityCenter={() => setView({ kind: 'identity-center' })}
            onCatalogs={() => setView({ kind: 'catalogs' })}
            shortcutStatus={snapshot.shortcutStatus}
          />
        )}
        {view.kind === 'activity' && <ActivityView onDone={showList} />}
        {view.kind === 'catalogs' && (
          <CatalogsView views={catalogs.views} report={report} onDone={showList} />
        )}
        {view.kind === 'account' && (
          <AccountView
            key={view.accountId}
            accountId={view.accountId}
            account={accountNameOf(snapshot, view.accountId)}
            report={report}
            onDone={showList}
          />
        )}
        {view.kind === 'identity-center' && (
          <IdentityCenterView progress={ssoProgress} report={report} onDone={showList} />
        )}
      </main>
      <UndoBar pending={removal.pending} onUndo={undo} />
      <LiveRegion text={announcement} />
      <FooterBar
        snapshot={snapshot}
        status={status}
        showMenu={view.kind === 'list'}
        onDismiss={() => report(undefined)}
        onAdd={() => setView({ kind: 'add' })}
        onImport={() => setView({ kind: 'import' })}
        onSettings={() => setView({ kind: 'settings' })}
        onActivity={() => setView({ kind: 'activity' })}
        onIdentityCenter={() => setView({ kind: 'identity-center' })}
      />
    </div>
  );
}
