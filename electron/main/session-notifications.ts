import { Notification } from 'electron';

import type { SessionEngine, SessionNotification } from '../core/session/session-engine';

/**
 * Electron keeps only a weak reference to a main-process Notification: once
 * garbage collected, its click is silently dropped
 * (https://github.com/electron/electron/issues/16922). Shown notifications are
 * held until clicked or closed; the cap bounds the set where "close" never comes.
 */
export const MAX_HELD_NOTIFICATIONS = 20;

/** Only what needs the user; routine refreshes never notify. */
export function shouldNotify(kind: SessionNotification['kind']): boolean {
  switch (kind) {
    case 'needs-mfa':
    case 'failed':
    case 'expired':
      return true;
    default: {
      const never: never = kind;
      throw new Error(`unknown notification kind ${String(never)}`);
    }
  }
}

/** Shows the engine's notifications; a click opens the popup on that role. Returns unsubscribe. */
export function forwardSessionNotifications(
  engine: SessionEngine,
  onClick: (roleId: string) => void,
): () => void {
  const held = new Set<Notification>();
  const release = (note: Notification): void => {
    held.delete(note);
  };
  const unsubscribe = engine.onNotification((notification) => {
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
