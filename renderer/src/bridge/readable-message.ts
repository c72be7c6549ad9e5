/**
 * The engine's messages name things as its files and the CLI do: role ids
 * ("(id e22g8tph)"), setting keys (`settings.refreshMarginSeconds`) in the
 * unit stored, field names ("color:"). The tray shows labels, the setting's own
 * label in the unit its field uses, and no field prefix under a field that is
 * already labelled.
 */

interface SettingWords {
  readonly label: string;
  /** Seconds in the message, minutes in the field. */
  readonly minutes?: boolean;
}

const SETTINGS: Readonly<Record<string, SettingWords>> = {
  refreshMarginSeconds: { label: 'Refresh before expiry', minutes: true },
  removeExpiredProfiles: { label: 'Remove expired profiles' },
  launchAtLogin: { label: 'Launch at login' },
  shortcut: { label: 'Open shortcut' },
  auditRetentionMonths: { label: 'Keep activity' },
  consoleBrowser: { label: 'Console browser' },
  recentServices: { label: 'Recent services' },
};

function minutes(seconds: string): string {
  const value = Number(seconds) / 60;
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}

/** "settings.refreshMarginSeconds: 30 seconds is out of range; use 60–840 seconds" in the field's words. */
function settingWords(message: string): string {
  const match = /^settings\.(\w+):\s*(.*)$/s.exec(message);
  if (!match) return message;
  const words = SETTINGS[match[1]!];
  if (!words) return message;
  let rest = match[2]!;
  if (words.minutes) {
    rest = rest
      .replace(
        /(\d+)–(\d+) seconds/g,
        (_all, a: string, b: string) => `${minutes(a)}–${minutes(b)} minutes`,
      )
      .replace(/(-?\d+(?:\.\d+)?) seconds/g, (_all, n: string) => {
        const m = minutes(n);
        return `${m} ${m === '1' ? 'minute' : 'minutes'}`;
      })
      .replace(/a whole number of seconds/g, 'a number of minutes');
  }
  return `${words.label}: ${rest}`;
}

export function readableMessage(message: string): string {
  if (/^role id: is not a role in the catalog/.test(message)) {
    return 'That role is no longer in the catalog; pick it again from the list.';
  }
  return settingWords(message).replace(/ \(id [^)\s]+\)/g, '');
}

/**
 * A validator's "<field>: <problem>; <fix>" under the field's own label: the
 * label already says which field, so the (internal) field name goes.
 */
export function underField(problem: string): string {
  const match = /^([A-Za-z][\w .-]{0,39}(?:\[\d+\])?): (\S.*)$/s.exec(problem);
  if (!match) return problem;
  const rest = match[2]!;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
