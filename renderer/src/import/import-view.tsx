import { type ReactNode, useEffect, useState } from 'react';
import type { ConfigImportPreview } from '../../../shared/ipc-contract';
import { errorMessage } from '../bridge/error-message';
import { useServices } from '../services-context';
import type { Report } from '../status/status';
import { changedFields } from './changed-fields';

type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'ready'; readonly preview: ConfigImportPreview };

/** Import from ~/.aws/config: what would be added, updated and skipped (and why), then apply. */
export function ImportView({ report, onDone }: { report: Report; onDone: () => void }) {
  const { api } = useServices();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [applyError, setApplyError] = useState<string>();

  useEffect(() => {
    let live = true;
    api.previewImport().then(
      (preview) => live && setPhase({ kind: 'ready', preview }),
      (error: unknown) => live && setPhase({ kind: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const apply = () => {
    setBusy(true);
    setApplyError(undefined);
    api.applyImport().then(
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

  const preview = phase.kind === 'ready' ? phase.preview : undefined;
  const count = preview ? preview.toAdd.length + preview.toUpdate.length : 0;
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
        {preview && (
          <>
            <ImportSection title="To add" count={preview.toAdd.length} testId="import-add">
              {preview.toAdd.map((role) => (
                <li key={role.id}>
                  <span className="item-main">{role.label}</span>
                  <span className="item-meta">
                    → {role.profile} · {role.roleArn}
                  </span>
                </li>
              ))}
            </ImportSection>
            <ImportSection title="To update" count={preview.toUpdate.length} testId="import-update">
              {preview.toUpdate.map(({ before, after }) => (
                <li key={before.id}>
                  <span className="item-main">{after.label}</span>
                  <span className="item-meta">{changedFields(before, after).join(', ')}</span>
                </li>
              ))}
            </ImportSection>
            <ImportSection title="Skipped" count={preview.skipped.length} testId="import-skipped">
              {preview.skipped.map(({ profile, reason }) => (
                <li key={profile}>
                  <span className="item-main">{profile}</span>
                  <span className="item-meta">{reason}</span>
                </li>
              ))}
            </ImportSection>
          </>
        )}
      </div>
      <div className="form-error" role="alert">
        {applyError ?? ''}
      </div>
      <div className="form-buttons">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy || count === 0} onClick={apply}>
          {count === 0 ? 'Nothing to import' : `Import ${count} role${count === 1 ? '' : 's'}`}
        </button>
      </div>
    </section>
  );
}

function ImportSection(props: {
  title: string;
  count: number;
  testId: string;
  children: ReactNode;
}) {
  if (props.count === 0) return null;
  return (
    <div className="import-section" data-testid={props.testId}>
      <div className="group-header static">
        {props.title} ({props.count})
      </div>
      <ul className="import-list">{props.children}</ul>
    </div>
  );
}
