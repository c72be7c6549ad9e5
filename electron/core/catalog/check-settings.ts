import { inputError, rejectHiddenChars, requireText } from '../../../shared/check-text';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import {
  MAX_REFRESH_MARGIN_SECONDS,
  MAX_AUDIT_RETENTION_MONTHS,
  MAX_SHORTCUT_LENGTH,
  MIN_AUDIT_RETENTION_MONTHS,
  MIN_REFRESH_MARGIN_SECONDS,
} from './catalog-schema';
import { checkConsoleBrowserValue, checkRecentServices } from './check-console-browser';
import { isObject } from './is-object';

function checkBoolean(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  throw inputError(field, 'must be true or false', 'use true or false');
}

function checkMargin(value: unknown, field: string): number {
  const fix = `use ${MIN_REFRESH_MARGIN_SECONDS}–${MAX_REFRESH_MARGIN_SECONDS} seconds (under the 15-minute shortest session)`;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw inputError(field, 'must be a whole number of seconds', fix);
  }
  if (value < MIN_REFRESH_MARGIN_SECONDS || value > MAX_REFRESH_MARGIN_SECONDS) {
    throw inputError(field, `${value} seconds is out of range`, fix);
  }
  return value;
}

function checkRetention(value: unknown, field: string): number {
  const fix = `use ${MIN_AUDIT_RETENTION_MONTHS}–${MAX_AUDIT_RETENTION_MONTHS} months`;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw inputError(field, 'must be a whole number of months', fix);
  }
  if (value < MIN_AUDIT_RETENTION_MONTHS || value > MAX_AUDIT_RETENTION_MONTHS) {
    throw inputError(field, `${value} months is out of range`, fix);
  }
  return value;
}

function checkShortcut(value: unknown, field: string): string {
  const fix = 'use an Electron accelerator such as CommandOrControl+Shift+Y';
  const text = requireText(value, field, fix).trim();
  if (text === '') throw inputError(field, 'is empty', fix);
  rejectHiddenChars(text, field);
  if (text.length > MAX_SHORTCUT_LENGTH) {
    throw inputError(field, `is ${text.length} characters long`, fix);
  }
  return text;
}

const SETTING_CHECKS: { [K in keyof Settings]: (value: unknown, field: string) => Settings[K] } = {
  refreshMarginSeconds: checkMargin,
  removeExpiredProfiles: checkBoolean,
  launchAtLogin: checkBoolean,
  shortcut: checkShortcut,
  auditRetentionMonths: checkRetention,
  consoleBrowser: checkConsoleBrowserValue,
  recentServices: checkRecentServices,
};

/**
 * Checks settings, filling any missing one from DEFAULT_SETTINGS (a catalog
 * written before a setting existed). Unknown keys are refused. The field of an
 * error is `settings.<key>`.
 */
export function checkSettings(value: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  if (!isObject(value))
    throw inputError('settings', 'must be an object', 'give the settings as an object');
  const unknown = Object.keys(value).find((key) => !Object.hasOwn(SETTING_CHECKS, key));
  if (unknown !== undefined) {
    throw inputError(
      'settings',
      `has no setting named ${quoteValue(unknown)}`,
      `use ${Object.keys(SETTING_CHECKS).join(', ')}`,
    );
  }
  const result: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(SETTING_CHECKS)) {
    const given = value[key];
    const next =
      given === undefined ? base[key as keyof Settings] : check(given, `settings.${key}`);
    // Optional settings that are not set stay absent, not `undefined`.
    if (next !== undefined) result[key] = next;
  }
  return result as unknown as Settings;
}
