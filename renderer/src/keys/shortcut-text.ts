/** Whether the popup runs on a Mac, where Cmd stands for Ctrl in every shortcut. */
function onMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
}

/** A shortcut as the user's keyboard says it: "⌘⇧O" on a Mac, "Ctrl+Shift+O" elsewhere. */
export function shortcutText(key: string, shift = false): string {
  if (onMac()) return `⌘${shift ? '⇧' : ''}${key}`;
  return `Ctrl+${shift ? 'Shift+' : ''}${key}`;
}
