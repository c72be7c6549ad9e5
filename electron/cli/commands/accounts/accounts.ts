import { groupedAccountId, type AccountName } from '../../../../shared/account-name';
import { InputError } from '../../../../shared/input-error';
import {
  patchAccountName,
  summarizeAccounts,
  type AccountPatch,
  type AccountSummary,
} from '../../../core/catalog/account-names';
import { catalogFileExists } from '../../../core/catalog/catalog-exists';
import { expectPositionals, optionalString, parseCommandArgs } from '../../args';
import { catalogPath, withCatalog } from '../roles/catalog-access';
import { formatTable } from '../roles/text-table';
import { writeJson, writeLines } from '../roles/write-output';

/**
 * `switchyard accounts [list|set|clear] …`: the alias and colour of each AWS
 * account in the catalog (shared with the tray's headings). An alias set here
 * is the user's own: Identity Center, IAM and subscription aliases never
 * replace it; so is one cleared here, unless cleared with --auto.
 */
export async function accountsCommand(argv: readonly string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'set') return setCommand(rest);
  if (sub === 'clear') return clearCommand(rest);
  if (sub === 'list') return listCommand(rest);
  if (sub === undefined || sub.startsWith('-')) return listCommand(argv);
  throw new InputError(
    'subcommand',
    `accounts: unknown subcommand ${JSON.stringify(sub)}; use list, set or clear; run \`switchyard accounts --help\``,
  );
}

function listCommand(argv: readonly string[]): void {
  const { values, positionals } = parseCommandArgs('accounts', argv, {
    json: { type: 'boolean' },
  });
  expectPositionals('accounts', positionals, []);
  const accounts = catalogFileExists(catalogPath())
    ? withCatalog((store) => summarizeAccounts(store.list(), store.accounts()))
    : [];
  if (values.json === true) {
    writeJson(accounts);
    return;
  }
  if (accounts.length === 0) {
    writeLines(`no accounts in ${catalogPath()}; add a role with \`switchyard roles add\``);
    return;
  }
  const rows = accounts.map((account) => [
    groupedAccountId(account.accountId),
    account.alias ?? (account.aliasFrom === 'user' ? '(none)' : '-'),
    aliasOrigin(account),
    account.color ?? '-',
    String(account.roles),
  ]);
  process.stdout.write(formatTable([['ACCOUNT', 'ALIAS', 'FROM', 'COLOR', 'ROLES'], ...rows]));
}

/** The FROM column: who chose the alias (or chose none), "-" when nobody did. */
function aliasOrigin(account: AccountName): string {
  if (account.aliasFrom === 'subscription') return `subscription ${account.subscription ?? ''}`;
  if (account.alias === undefined) return account.aliasFrom ?? '-';
  return account.aliasFrom ?? 'user';
}

function changeAccount(
  command: string,
  accountId: string,
  patch: AccountPatch,
  json: boolean,
): void {
  const summary = withCatalog((store): AccountSummary => {
    const entry = store.changeAccounts((names) => {
      const next = patchAccountName(names, accountId, patch);
      return { names: next.names, result: next };
    });
    const found = summarizeAccounts(store.list(), store.accounts()).find(
      (account) => account.accountId === entry.accountId,
    );
    return found ?? { accountId: entry.accountId, roles: 0 };
  });
  if (json) {
    writeJson(summary);
    return;
  }
  const name =
    summary.alias !== undefined
      ? JSON.stringify(summary.alias)
      : summary.aliasFrom === 'user'
        ? 'no alias (kept clear of automatic names)'
        : 'no alias (automatic names may fill it)';
  const color = summary.color === undefined ? 'no colour' : `colour ${summary.color}`;
  writeLines(`${command}: account ${groupedAccountId(summary.accountId)}: ${name}, ${color}`);
}

function setCommand(argv: readonly string[]): void {
  const { values, positionals } = parseCommandArgs('accounts set', argv, {
    alias: { type: 'string' },
    color: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [accountId = ''] = expectPositionals('accounts set', positionals, ['account-id']);
  const alias = optionalString(values, 'alias');
  const color = optionalString(values, 'color');
  if (alias === undefined && color === undefined) {
    throw new InputError(
      'arguments',
      'accounts set: nothing to set; give --alias NAME and/or --color RRGGBB',
    );
  }
  changeAccount('accounts set', accountId, { alias, color }, values.json === true);
}

function clearCommand(argv: readonly string[]): void {
  const { values, positionals } = parseCommandArgs('accounts clear', argv, {
    alias: { type: 'boolean' },
    color: { type: 'boolean' },
    auto: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [accountId = ''] = expectPositionals('accounts clear', positionals, ['account-id']);
  const auto = values.auto === true;
  // Neither flag: clear both, the account's whole name (--auto alone: the alias).
  const both = values.alias !== true && values.color !== true && !auto;
  const alias = both || values.alias === true || auto;
  const patch: AccountPatch = {
    // A cleared alias stays clear; --auto hands it back to automatic naming.
    ...(alias ? (auto ? { autoAlias: true } : { alias: null }) : {}),
    ...(both || values.color === true ? { color: null } : {}),
  };
  changeAccount('accounts clear', accountId, patch, values.json === true);
}
