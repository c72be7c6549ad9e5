import { inputError } from '../../../shared/check-text';
import {
  checkConsoleBrowserSetting,
  type ConsoleBrowserSetting,
} from '../../../shared/console-browser';
import { checkService } from '../../../shared/console-services';
import { quoteValue } from '../../../shared/quote-value';
import { MAX_RECENT_SERVICES } from './catalog-schema';
import { isObject } from './is-object';

/** A `console` value from the catalog, a form or IPC: `{ browser, profileDirectory? }`. */
export function checkConsoleBrowserValue(value: unknown, field: string): ConsoleBrowserSetting {
  if (!isObject(value)) {
    throw inputError(field, 'must be an object', 'give it as { "browser": "chrome" }');
  }
  const unknown = Object.keys(value).find((key) => key !== 'browser' && key !== 'profileDirectory');
  if (unknown !== undefined) {
    throw inputError(
      field,
      `has an unknown field ${quoteValue(unknown)}`,
      'use browser and profileDirectory',
    );
  }
  return checkConsoleBrowserSetting(
    {
      browser: value.browser as string,
      ...(value.profileDirectory === undefined
        ? {}
        : { profileDirectory: value.profileDirectory as string }),
    },
    field,
  );
}

/** The recent console services: known names, no repeats, at most MAX_RECENT_SERVICES. */
export function checkRecentServices(value: unknown, field: string): readonly string[] {
  if (!Array.isArray(value)) throw inputError(field, 'must be a list', 'give service names');
  const names = value.map((item) =>
    checkService(typeof item === 'string' ? item : String(item), field),
  );
  return [...new Set(names)].slice(0, MAX_RECENT_SERVICES);
}

/** `recent` with `service` moved to the front, kept to MAX_RECENT_SERVICES. */
export function withRecentService(
  recent: readonly string[] | undefined,
  service: string,
): string[] {
  return [service, ...(recent ?? []).filter((name) => name !== service)].slice(
    0,
    MAX_RECENT_SERVICES,
  );
}
