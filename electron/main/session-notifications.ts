import { Notification } from 'electron';

import type { SessionEngine, SessionNotification } from '../core/session/session-engine';

/**
 * Electron keeps only a weak reference to a main-process Notification: once
 * garbage collected, its click is silently dropped
 * (https://github.com/electron/electron/issues/16922). Shown notifications are
 * held until clicked or closed; the cap bounds the set where "close" never comes.
 */
export const MAX_HELD_NOTIFICATIONS = 20;

/** Only what needs the user; routine refreshes never notify, engine faults are only logged. */
export function shouldNotify(kind: SessionNotification['kind']): boolean {
  switch (kind) {
    case 'needs-mfa':
    case 'needs-sign-in':
    case 'failed':
    case 'expired':
    case 'catalog':
    case 'state':
      return true;
    case 'internal':
      return false;
    default: {
      const never: never = kind;
      throw new Error(`unknown notification kind ${String(never)}`);
    }
  }
}

/** What goes into the log as well: Switchyard's own files and engine faults (one line each). */
export function shouldLog(kind: SessionNotification['kind']): boolean {
  return kind === 'catalog' || kind === 'state' || kind === 'internal';
}

/**
 * Shows the engine's notifications; a click opens the popup on that role (or
 * just the popup, for notices about Switchyard's files). Returns unsubscribe.
 */
export function forwardSessionNotifications(
  engine: SessionEngine,
  onClick: (roleId: string) => void,
  log?: (line: string) => void,
): () => void {
  const held = new Set<Notification>();
  const release = (note: Notification): void => {
    held.delete(note);
  };
  const unsubscribe = engine.onNotification((notification) => {
    if (shouldLog(notification.kind)) log?.(`${notification.title}: ${notification.body}`);
    if (!shouldNotify(notification.kind) || !Notification.isSupported()) return;
    const note = new Notification({ title: notification.title, body: notification.body });
    note.on('click', () => {
      release(note);
      onClick(notification.roleId);
    });
    note.on('close', () => release(note));
    held.add(note);
    for (const old of held) {
      if (held.size <= MAX_HELD_NOTIFICATIONS) break;
      held.delete(old);
    }
    note.show();
  });
  return () => {
    unsubscribe();
    held.clear();
  };
}
