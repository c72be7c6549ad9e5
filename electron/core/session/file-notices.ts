import type { StateSetAsideNotice } from '../refresh/state-file';
import type { CatalogNotice } from './last-good-catalog';
import type { SessionNotification } from './session-engine';

/** The catalog broke while running (the last good one stays in use) or reads valid again. */
export function catalogNotification(notice: CatalogNotice): SessionNotification {
  return {
    kind: 'catalog',
    roleId: '',
    title: notice.broken
      ? "Switchyard's catalog cannot be read; refreshing goes on with the last good one"
      : "Switchyard's catalog is readable again",
    body: notice.message,
  };
}

/** state.json was damaged: moved aside, and a new one started. */
export function stateNotification(notice: StateSetAsideNotice): SessionNotification {
  return {
    kind: 'state',
    roleId: '',
    title: "Switchyard's state file was damaged and set aside",
    body: notice.message,
  };
}
