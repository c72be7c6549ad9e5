import { readableMessage } from './readable-message';

/**
 * The one line to show for a rejected bridge call. Electron's ipcRenderer.invoke
 * wraps a handler's error as "Error invoking remote method 'role:add': InputError:
 * profile: …"; the user only needs the engine's own message, which already says
 * what is wrong and how to fix it, in the tray's words (labels, not ids).
 */
export function errorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return readableMessage(
    raw
      .replace(/^Error invoking remote method '[^']*':\s*/, '')
      .replace(/^(?:[A-Z][A-Za-z]*Error|Error):\s*/, '')
      .trim(),
  );
}
