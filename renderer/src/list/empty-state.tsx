/** What a first-time user sees: what Switchyard does, and the two ways to start. */
export function EmptyState({ onImport, onAdd }: { onImport: () => void; onAdd: () => void }) {
  return (
    <div className="empty-state">
      <p className="empty-title">No roles yet</p>
      <p className="empty-text">
        Switchyard assumes your IAM roles and keeps their temporary credentials fresh as profiles in
        ~/.aws/credentials, so <code>aws --profile …</code>, Terraform and the SDKs just work.
      </p>
      <div className="empty-actions">
        <button type="button" className="primary" onClick={onImport}>
          Import from ~/.aws/config
        </button>
        <button type="button" onClick={onAdd}>
          Add a role
        </button>
      </div>
    </div>
  );
}

/** The search matched nothing. */
export function NoMatches({ query }: { query: string }) {
  return (
    <div className="empty-state">
      <p className="empty-text">No role matches “{query}”.</p>
    </div>
  );
}
