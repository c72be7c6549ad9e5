import { checkAccelerator } from '../../../shared/accelerator';
import { InputError } from '../../../shared/input-error';
import type { Settings } from '../../../shared/model';

export interface SettingsDraft {
  readonly marginMinutes: string;
  readonly removeExpiredProfiles: boolean;
  readonly launchAtLogin: boolean;
  readonly shortcut: string;
  readonly auditMonths: string;
}

export type SettingsPatchResult =
  | { readonly ok: true; readonly patch: Partial<Settings> }
  | { readonly ok: false; readonly problem: string; readonly field?: 'shortcut' };

/**
 * The changed settings as the engine takes them. Only the unit conversion is
 * checked here (minutes in the form, seconds in the model), and the shortcut
 * against Electron's accelerator grammar (shared with the engine); the ranges
 * are the engine's to judge, so its message is the one shown.
 */
export function settingsPatch(current: Settings, draft: SettingsDraft): SettingsPatchResult {
  const text = draft.marginMinutes.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) {
    return {
      ok: false,
      problem: 'refresh margin: enter a number of minutes, e.g. 10',
    };
  }
  const months = draft.auditMonths.trim();
  if (!/^\d+$/.test(months)) {
    return { ok: false, problem: 'keep activity: enter a whole number of months, e.g. 12' };
  }
  const shortcut = draft.shortcut.trim();
  const problem = shortcutProblem(current, shortcut);
  if (problem !== undefined) return { ok: false, problem, field: 'shortcut' };
  const seconds = Math.round(Number(text) * 60);
  const patch: { -readonly [K in keyof Settings]?: Settings[K] } = {};
  if (seconds !== current.refreshMarginSeconds) patch.refreshMarginSeconds = seconds;
  if (draft.removeExpiredProfiles !== current.removeExpiredProfiles) {
    patch.removeExpiredProfiles = draft.removeExpiredProfiles;
  }
  if (draft.launchAtLogin !== current.launchAtLogin) patch.launchAtLogin = draft.launchAtLogin;
  if (shortcut !== current.shortcut) patch.shortcut = shortcut;
  if (Number(months) !== current.auditRetentionMonths) patch.auditRetentionMonths = Number(months);
  return { ok: true, patch };
}

/**
 * Why a new shortcut cannot be saved, by Electron's accelerator grammar (the
 * engine's check too): an unparsable one would be saved and never bound.
 */
export function shortcutProblem(current: Settings, shortcut: string): string | undefined {
  if (shortcut === current.shortcut) return undefined;
  try {
    checkAccelerator(shortcut);
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}
