import type { SubscriptionAddRequest } from '../../shared/subscription-model';
import { checkRecord, checkText, IpcArgumentError, rejectUnknownKeys } from './ipc-arg-checks';

const ADD_KEYS = { source: true, name: true, ref: true, path: true, sha256: true, every: true };

/**
 * The shape of the tray's "add a subscription" form: known keys, text values.
 * What they mean (URL rules, no credentials, the pin's form) is the core's to
 * check, with the one-line errors the form shows.
 */
export function checkSubscriptionAddRequest(value: unknown): SubscriptionAddRequest {
  const record = checkRecord(value, 'subscription request');
  rejectUnknownKeys(record, ADD_KEYS, 'subscription request');
  const out: Record<string, string> = { source: checkText(record.source, 'source') };
  for (const key of ['name', 'ref', 'path', 'sha256', 'every'] as const) {
    if (record[key] !== undefined) out[key] = checkText(record[key], key);
  }
  return out as unknown as SubscriptionAddRequest;
}

export function checkFlag(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new IpcArgumentError(`${what} must be true or false`);
  return value;
}
