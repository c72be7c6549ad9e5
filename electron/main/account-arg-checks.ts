import type { AccountPatch } from '../../shared/account-name';
import { checkRecord, checkText, IpcArgumentError, rejectUnknownKeys } from './ipc-arg-checks';

const PATCH_FIELDS = { alias: true, color: true, autoAlias: true } as const;
const TEXT_FIELDS = ['alias', 'color'] as const;

/**
 * The shape of an account change from the page: alias and colour, each text
 * (set) or null (clear), and `autoAlias: true` (hand the alias back to
 * automatic naming), which cannot come with an alias. Their rules (12-digit
 * id, 1–64 printable characters, a colour) are the catalog's, which answers a
 * bad value with its own one line.
 */
export function checkAccountPatch(value: unknown): AccountPatch {
  const record = checkRecord(value, 'account change');
  rejectUnknownKeys(record, PATCH_FIELDS, 'account change');
  const patch: { alias?: string | null; color?: string | null; autoAlias?: true } = {};
  for (const key of TEXT_FIELDS) {
    const item = record[key];
    if (item === undefined) continue;
    if (item === null) patch[key] = null;
    else if (typeof item === 'string') patch[key] = checkText(item, `account ${key}`);
    else throw new IpcArgumentError(`account ${key} must be text or null`);
  }
  if (record.autoAlias !== undefined) {
    if (record.autoAlias !== true) throw new IpcArgumentError('account autoAlias must be true');
    if (patch.alias !== undefined) {
      throw new IpcArgumentError(
        'account change cannot both set an alias and name it automatically',
      );
    }
    patch.autoAlias = true;
  }
  return patch;
}
