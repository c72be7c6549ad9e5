import { isDeepStrictEqual } from 'node:util';
import { inputError } from '../../../shared/check-text';
import { InputError } from '../../../shared/input-error';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import type { AccountNames } from '../../../shared/account-name';
import { sharedNames } from './account-name-entry';
import { mergeSharedAccountNames } from './account-names';
import type { CatalogStore } from './catalog-store';
import { checkAccountNames } from './check-accounts';
import { CATALOG_VERSION } from './catalog-schema';
import { checkRoleEntry } from './check-role';
import { documentVersion, migrateCatalog } from './catalog-migrations';
import { CATALOG_EXPORT_FORMAT, withLocalFields, withoutLocalFields } from './export-catalog';
import { describeJsonError } from './json-error-location';
import { RoleGraph } from './role-graph';
import { isObject } from './is-object';

const FIELD = 'catalog file';

export interface CatalogImportReport {
  readonly added: readonly RoleEntry[];
  readonly updated: readonly RoleEntry[];
  /** Roles the file has exactly as the catalog already does. */
  readonly skipped: readonly {
    readonly id: string;
    readonly label: string;
    readonly reason: string;
  }[];
}

function fail(problem: string, fix: string): InputError {
  return inputError(FIELD, problem, fix);
}

/** "role ARN: …" inside role 3 → "catalog file: roles[3] ("Prod"): role ARN: …". */
function inRole(error: unknown, index: number, label: unknown): unknown {
  if (!(error instanceof InputError)) return error;
  const where =
    typeof label === 'string' ? `roles[${index}] (${quoteValue(label)})` : `roles[${index}]`;
  return new InputError(FIELD, `${FIELD}: ${where}: ${error.message}`);
}

/** The roles of a shared catalog file, every one checked; throws InputError (field "catalog file"). */
export function readCatalogExport(text: string): RoleEntry[] {
  return readCatalogExportFile(text).roles;
}

/** A shared catalog file's roles and account names, every one checked (see readCatalogExport). */
export function readCatalogExportFile(text: string): {
  readonly roles: RoleEntry[];
  readonly accounts: AccountNames;
} {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw fail(
      `is not valid JSON: ${describeJsonError(source, error)}`,
      'check the file was copied whole',
    );
  }
  if (!isObject(parsed) || parsed.format !== CATALOG_EXPORT_FORMAT) {
    const ownCatalog = isObject(parsed) && 'settings' in parsed;
    throw fail(
      `is not a Switchyard catalog export (no "format": "${CATALOG_EXPORT_FORMAT}")`,
      ownCatalog
        ? "this looks like Switchyard's own catalog.json; export a catalog from Switchyard and import that file"
        : "choose a file made by Switchyard's catalog export",
    );
  }
  const version = documentVersion(parsed);
  if (version === undefined || version < 1) {
    throw fail(
      `has an invalid "version" (${quoteValue(String(parsed.version))})`,
      'export the catalog again',
    );
  }
  if (version > CATALOG_VERSION) {
    throw fail(
      `is catalog version ${version}, newer than this Switchyard reads (${CATALOG_VERSION})`,
      'update Switchyard',
    );
  }
  const migrated = migrateCatalog({ version, roles: parsed.roles }, version);
  if (!Array.isArray(migrated.roles)) throw fail('has no "roles" list', 'export the catalog again');
  const unknown = Object.keys(parsed).find(
    (key) => !['format', 'version', 'roles', 'accounts'].includes(key),
  );
  if (unknown !== undefined) throw fail(`has an unknown key ${quoteValue(unknown)}`, 'remove it');
  let accounts: AccountNames;
  try {
    // Where an alias came from describes the exporting machine; it does not travel.
    accounts = sharedNames(checkAccountNames(parsed.accounts) ?? {});
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw fail(error.message, 'export the catalog again');
  }
  const roles = migrated.roles.map((raw: unknown, index) => {
    try {
      // The import link and the not-granted mark describe someone else's machine; they do not travel.
      return withoutLocalFields(checkRoleEntry(raw));
    } catch (error) {
      throw inRole(error, index, (raw as { label?: unknown } | null)?.label);
    }
  });
  const seen = new Set<string>();
  for (const role of roles) {
    if (seen.has(role.id))
      throw fail(`has two roles with the id ${quoteValue(role.id)}`, 'give each role its own id');
    seen.add(role.id);
  }
  return { roles, accounts };
}

/**
 * What importing a shared catalog file into `existing` gives, merged by id:
 * new ids are added, known ids replaced (keeping this machine's `importedFrom`
 * and `notGrantedSince`),
 * identical ones skipped. Everything is checked first, the merged catalog as a
 * whole included; any problem is an InputError and nothing is imported.
 */
export function planCatalogFileImport(
  text: string,
  existing: readonly RoleEntry[],
): CatalogImportReport & {
  readonly roles: readonly RoleEntry[];
  /** The file's account names, merged at the write (see mergeSharedAccountNames). */
  readonly accounts: AccountNames;
} {
  const { roles: incoming, accounts } = readCatalogExportFile(text);
  const merged = new Map(existing.map((role) => [role.id, role]));
  const added: RoleEntry[] = [];
  const updated: RoleEntry[] = [];
  const skipped: { id: string; label: string; reason: string }[] = [];
  for (const role of incoming) {
    const before = merged.get(role.id);
    if (before?.subscription !== undefined) {
      // Its definition follows the subscription; an import must not override it.
      skipped.push({
        id: role.id,
        label: role.label,
        reason: `comes from subscription ${before.subscription}; change it upstream`,
      });
      continue;
    }
    const after = withLocalFields(role, before);
    if (!before) added.push(after);
    else if (isDeepStrictEqual(before, after)) {
      skipped.push({ id: role.id, label: role.label, reason: 'already in the catalog, unchanged' });
      continue;
    } else updated.push(after);
    merged.set(role.id, after);
  }
  // Ids are unique in `merged`: one index serves every check.
  const graph = new RoleGraph([...merged.values()]);
  for (const role of [...added, ...updated]) {
    try {
      graph.checkPlacement(role, role.id);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new InputError(
        FIELD,
        `${FIELD}: role ${quoteValue(role.label)} (id ${role.id}): ${error.message}`,
      );
    }
  }
  return { added, updated, skipped, roles: [...added, ...updated], accounts };
}

/** Checks a shared catalog file completely, then merges it by id in one write (all or nothing). */
export function importCatalogFile(store: CatalogStore, text: string): CatalogImportReport {
  const { added, updated, skipped, roles, accounts } = planCatalogFileImport(text, store.list());
  if (roles.length > 0) store.upsertMany(roles);
  if (Object.keys(accounts).length > 0) {
    store.changeAccounts((names) => ({
      names: mergeSharedAccountNames(names, accounts),
      result: undefined,
    }));
  }
  return { added, updated, skipped };
}
