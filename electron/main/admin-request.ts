import { adminRequest, contextOf, explainView } from '../../shared/explain-error';
import type { Snapshot } from '../../shared/model';

/**
 * "Copy your ARN for the admin": a ready message naming the caller AWS refused
 * and the role, built from the role's current error (public ARNs and AWS's
 * message only, never a key). A role whose failure is not a trust policy has
 * nothing to copy.
 */
export function adminRequestText(snapshot: Snapshot, roleId: string): string {
  const view = snapshot.roles.find((candidate) => candidate.role.id === roleId);
  if (!view) throw new Error('that role is no longer in the catalog');
  const explained = explainView(view, snapshot.roles);
  if (explained?.action?.kind !== 'copy-for-admin') {
    throw new Error(`${view.role.label} has no access error to send to an admin`);
  }
  return adminRequest(contextOf(view, snapshot.roles), explained);
}
