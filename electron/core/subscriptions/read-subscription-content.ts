import { inputError } from '../../../shared/check-text';
import { InputError } from '../../../shared/input-error';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { withoutLocalFields } from '../catalog/export-catalog';
import { readCatalogExport } from '../catalog/import-catalog-file';
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
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw inputError(FIELD, 'is not UTF-8 text', 'publish the file as UTF-8');
  }
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{')) return readCatalogExport(text);
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
  return plan.toAdd.map(withoutLocalFields);
}
