import { inputError } from '../../../shared/check-text';
import { InputError } from '../../../shared/input-error';
import type { AccountNames } from '../../../shared/account-name';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { withoutLocalFields } from '../catalog/export-catalog';
import { readCatalogExportFile } from '../catalog/import-catalog-file';
import { planConfigImport } from '../catalog/import-aws-config';

const FIELD = 'catalog file';

/**
 * The roles of a subscribed file, all checked: a `switchyard-catalog` export
 * (JSON), or an AWS config file whose role profiles are read with the
 * `roles import` rules. Any problem rejects the whole file with one
 * InputError naming the place ("catalog file: roles[3] (…): role ARN: …");
 * a config profile the import rules would skip is such a problem too, so a
 * half-read file never replaces a whole one.
 */
export function readSubscriptionContent(bytes: Uint8Array): RoleEntry[] {
  return readSubscriptionFile(bytes).roles;
}

/**
 * A subscribed file's roles and account names (readSubscriptionContent's
 * checks; the names with the rules of a shared file import, so an alias is
 * 1–64 printable characters and a colour a colour). An AWS config file names
 * no accounts.
 */
export function readSubscriptionFile(bytes: Uint8Array): {
  readonly roles: RoleEntry[];
  readonly accounts: AccountNames;
} {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw inputError(FIELD, 'is not UTF-8 text', 'publish the file as UTF-8');
  }
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{')) return readCatalogExportFile(text);
  const plan = planConfigImport(text, []);
  const skipped = plan.skipped[0];
  if (skipped) {
    throw new InputError(
      FIELD,
      `${FIELD}: profile ${quoteValue(skipped.profile)}: ${skipped.reason}; fix it upstream`,
    );
  }
  if (plan.toAdd.length === 0) {
    throw inputError(
      FIELD,
      'has no roles (neither a switchyard-catalog export nor an AWS config with role_arn profiles)',
      'check the address points at the team catalog',
    );
  }
  return { roles: plan.toAdd.map(withoutLocalFields), accounts: {} };
}
