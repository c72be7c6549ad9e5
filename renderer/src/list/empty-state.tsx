import { useEffect, useState } from 'react';
import type { ConfigImportPreview } from '../../../shared/ipc-contract';
import { errorMessage } from '../bridge/error-message';
import { foundText, offeredProfiles } from '../import/import-words';
import { useServices } from '../services-context';

type Look =
  | { readonly kind: 'looking' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'found'; readonly preview: ConfigImportPreview };

/**
 * What a first-time user sees: what Switchyard does, what it found in
 * ~/.aws/config, and a way forward that always works (import what was found,
 * or add a role by hand; never a disabled button).
 */
export function EmptyState({ onImport, onAdd }: { onImport: () => void; onAdd: () => void }) {
  const { api } = useServices();
  const [look, setLook] = useState<Look>({ kind: 'looking' });
  useEffect(() => {
    let live = true;
    api.previewImport().then(
      (preview) => live && setLook({ kind: 'found', preview }),
      (error: unknown) => live && setLook({ kind: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const preview = look.kind === 'found' ? look.preview : undefined;
  const importable = preview ? offeredProfiles(preview).length : 0;
  return (
    <div className="empty-state">
      <p className="empty-title">No roles yet</p>
      <p className="empty-text">
        Switchyard assumes your IAM roles and keeps their temporary credentials fresh as profiles in
        ~/.aws/credentials, so <code>aws --profile …</code>, Terraform and the SDKs just work.
      </p>
      <p className="empty-found" data-testid="empty-found" aria-live="polite">
        {look.kind === 'looking' && 'Looking at your AWS config…'}
        {look.kind === 'failed' && `Could not read your AWS config: ${look.message}`}
        {preview && foundLine(preview)}
      </p>
      <div className="empty-actions">
        {importable > 0 && (
          <button type="button" className="primary" onClick={onImport}>
            Import {importable === 1 ? '1 role' : `${importable} roles`}…
          </button>
        )}
        <button type="button" className={importable > 0 ? undefined : 'primary'} onClick={onAdd}>
          Add a role
        </button>
        {preview && importable === 0 && preview.skipped.length > 0 && (
          <button type="button" onClick={onImport}>
            See why nothing can be imported
          </button>
        )}
      </div>
    </div>
  );
}

/** One sentence: what the config holds, or where to put one. */
function foundLine(preview: ConfigImportPreview): string {
  const where = preview.shownPath;
  if (!preview.configExists) {
    return `No ${where} found. Add a role by hand, or put your AWS profiles (with role_arn) in ${where} and open this menu again to import them.`;
  }
  const found = foundText(preview.found);
  if (found === '') {
    return `${where} has no role profiles (none has a role_arn or an Identity Center role). Add a role by hand.`;
  }
  return `Found ${found} in ${where}.`;
}

/** The search matched nothing. */
export function NoMatches({ query }: { query: string }) {
  return (
    <div className="empty-state">
      <p className="empty-text">No role matches “{query}”.</p>
    </div>
  );
}
