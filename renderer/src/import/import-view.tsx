import { type ReactNode, useEffect, useState } from 'react';
import type { ConfigImportPreview } from '../../../shared/ipc-contract';
import { errorMessage } from '../bridge/error-message';
import { useServices } from '../services-context';
import type { Report } from '../status/status';
import { changedFields } from './changed-fields';
import { choiceMeta, ImportChoices } from './import-choices';
import { offeredProfiles, plural } from './import-words';

type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'ready'; readonly preview: ConfigImportPreview };

/**
 * Import from ~/.aws/config: a check box per role to add or update (all ticked),
 * what the catalog already has, and what is skipped and why; then imports
 * only the ticked ones.
 */
export function ImportView({ report, onDone }: { report: Report; onDone: () => void }) {
  const { api } = useServices();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [applyError, setApplyError] = useState<string>();

  useEffect(() => {
    let live = true;
    api.previewImport().then(
      (preview) => {
        if (!live) return;
        setSelected(new Set(offeredProfiles(preview)));
        setPhase({ kind: 'ready', preview });
      },
      (error: unknown) => live && setPhase({ kind: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const preview = phase.kind === 'ready' ? phase.preview : undefined;
  const offered = preview ? offeredProfiles(preview) : [];
  const picked = offered.filter((profile) => selected.has(profile));
  const toggle = (profile: string, on: boolean) => {
    setApplyError(undefined);
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(profile);
      else next.delete(profile);
      return next;
    });
  };

  const apply = () => {
    setBusy(true);
    setApplyError(undefined);
    api.applyImport(picked).then(
      ({ added, updated }) => {
        report({ tone: 'info', text: `Imported ${added} new, updated ${updated}` });
        onDone();
      },
      (error: unknown) => {
        setBusy(false);
        setApplyError(errorMessage(error));
      },
    );
  };

  const known = preview?.skipped.filter((skip) => skip.inCatalog !== undefined) ?? [];
  const skipped = preview?.skipped.filter((skip) => skip.inCatalog === undefined) ?? [];
  return (
    <section className="import-view" aria-label="Import from AWS config">
      <div className="view-title">Import roles from your AWS config</div>
      {preview && (
        <div className="view-subtitle" title={preview.configPath}>
          {/* LRM: keeps the leading "/" at the start inside the right-to-left ellipsis. */}
          {`\u200e${preview.configPath}`}
        </div>
      )}
      <div className="form-scroll">
        {phase.kind === 'loading' && <p className="muted">Reading the config file…</p>}
        {phase.kind === 'failed' && (
          <p className="form-error" role="alert">
            {phase.message}
          </p>
        )}
        {preview && offered.length > 0 && (
          <>
            <p className="import-note" data-testid="import-names">
              Each role gets a profile of its own in ~/.aws/credentials, named after its config
              profile with <code>-switchyard</code> added, so Switchyard never overwrites the
              profile you already have.
            </p>
            {offered.length > 1 && (
              <div className="import-select-all">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setSelected(new Set(offered))}
                >
                  Select all
                </button>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setSelected(new Set())}
                >
                  Select none
                </button>
              </div>
            )}
          </>
        )}
        {preview && (
          <>
            <ImportChoices
              title="To add"
              testId="import-add"
              selected={selected}
              onToggle={toggle}
              choices={preview.toAdd.map((role) => ({
                profile: role.importedFrom ?? role.label,
                label: role.label,
                meta: choiceMeta(role),
              }))}
            />
            <ImportChoices
              title="To update"
              testId="import-update"
              selected={selected}
              onToggle={toggle}
              choices={preview.toUpdate.map(({ before, after }) => ({
                profile: after.importedFrom ?? after.label,
                label: after.label,
                meta: `Changes ${changedFields(before, after).join(', ')}`,
              }))}
            />
            <ImportSection
              title="Already in your catalog"
              count={known.length}
              testId="import-known"
            >
              {known.map(({ profile, inCatalog }) => (
                <li key={profile}>
                  <span className="item-main">{profile}</span>
                  <span className="item-meta">Already in your catalog as {inCatalog}</span>
                </li>
              ))}
            </ImportSection>
            <ImportSection title="Skipped" count={skipped.length} testId="import-skipped">
              {skipped.map(({ profile, reason }) => (
                <li key={profile}>
                  <span className="item-main">{profile}</span>
                  <span className="item-meta">Skipped, because {reason}</span>
                </li>
              ))}
            </ImportSection>
            {offered.length === 0 && <p className="import-note">{nothingNew(preview)}</p>}
          </>
        )}
      </div>
      <div className="form-error" role="alert">
        {applyError ?? ''}
      </div>
      <div className="form-buttons">
        <button type="button" onClick={onDone}>
          {offered.length === 0 && preview ? 'Back' : 'Cancel'}
        </button>
        {offered.length > 0 && (
          <button
            type="button"
            className="primary"
            disabled={busy || picked.length === 0}
            onClick={apply}
          >
            {picked.length === 0 ? 'Nothing selected' : `Import ${plural(picked.length, 'role')}`}
          </button>
        )}
      </div>
    </section>
  );
}

/** Why there is nothing to tick. */
function nothingNew(preview: ConfigImportPreview): string {
  if (!preview.configExists) {
    return `There is no ${preview.shownPath}: add a role by hand, or put your AWS profiles in that file and import again.`;
  }
  if (preview.skipped.length > 0) return 'Nothing new to import: see why above.';
  return `${preview.shownPath} has no profile with a role_arn or an Identity Center role.`;
}

function ImportSection(props: {
  title: string;
  count: number;
  testId: string;
  children: ReactNode;
}) {
  if (props.count === 0) return null;
  const headingId = `${props.testId}-heading`;
  return (
    <div className="import-section" data-testid={props.testId}>
      <h2 className="group-header static" id={headingId}>
        {props.title} ({props.count})
      </h2>
      <ul className="import-list" aria-labelledby={headingId}>
        {props.children}
      </ul>
    </div>
  );
}
