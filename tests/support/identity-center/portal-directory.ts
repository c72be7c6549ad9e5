/**
 * What the fake portal knows about one user: the accounts and roles Identity
 * Center assigns them, and how it pages them. Kept apart from the HTTP server
 * so a test sets the directory up (and changes it mid-run) without touching
 * the wire format.
 */
export interface PortalAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string;
  readonly roles: string[];
}

/** One page of a list and the opaque token of the next (AWS's tokens are opaque too). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken: string | undefined;
}

const ACCOUNT_ID = /^\d{12}$/;

export class PortalDirectory {
  readonly #accounts = new Map<string, PortalAccount>();

  /** Assigns an account and its roles (replacing an account with the same id). */
  addAccount(accountId: string, accountName: string, roles: readonly string[] = []): void {
    if (!ACCOUNT_ID.test(accountId)) throw new Error(`account id must be 12 digits: ${accountId}`);
    this.#accounts.set(accountId, {
      accountId,
      accountName,
      emailAddress: `aws+${accountId}@example.com`,
      roles: [...roles],
    });
  }

  /** `count` accounts 100000000000, 100000000001, … named "Account N", each with `roles`. */
  addAccounts(count: number, roles: readonly string[], firstId = 100_000_000_000): void {
    for (let i = 0; i < count; i++) {
      this.addAccount(String(firstId + i), `Account ${i}`, roles);
    }
  }

  /** Forget every account. */
  clear(): void {
    this.#accounts.clear();
  }

  renameAccount(accountId: string, accountName: string): void {
    const account = this.#require(accountId);
    this.#accounts.set(accountId, { ...account, accountName });
  }

  removeAccount(accountId: string): boolean {
    return this.#accounts.delete(accountId);
  }

  addRole(accountId: string, roleName: string): void {
    const account = this.#require(accountId);
    if (!account.roles.includes(roleName)) account.roles.push(roleName);
  }

  removeRole(accountId: string, roleName: string): boolean {
    const roles = this.#require(accountId).roles;
    const at = roles.indexOf(roleName);
    if (at >= 0) roles.splice(at, 1);
    return at >= 0;
  }

  account(accountId: string): PortalAccount | undefined {
    return this.#accounts.get(accountId);
  }

  hasRole(accountId: string, roleName: string): boolean {
    return this.#accounts.get(accountId)?.roles.includes(roleName) ?? false;
  }

  get accountCount(): number {
    return this.#accounts.size;
  }

  /** Every (account, role) pair, for comparing with what a client listed. */
  assignments(): { accountId: string; accountName: string; roleName: string }[] {
    return [...this.#accounts.values()].flatMap((a) =>
      a.roles.map((roleName) => ({ accountId: a.accountId, accountName: a.accountName, roleName })),
    );
  }

  accountsPage(token: string | undefined, size: number): Page<PortalAccount> | 'bad-token' {
    return page([...this.#accounts.values()], token, size, 'accounts');
  }

  rolesPage(
    accountId: string,
    token: string | undefined,
    size: number,
  ): Page<string> | 'bad-token' | 'no-account' {
    const account = this.#accounts.get(accountId);
    if (!account) return 'no-account';
    return page(account.roles, token, size, `roles:${accountId}`);
  }

  #require(accountId: string): PortalAccount {
    const account = this.#accounts.get(accountId);
    if (!account) throw new Error(`no account ${accountId} in the fake portal's directory`);
    return account;
  }
}

/**
 * Offset paging with a token bound to the list it came from, so a token from
 * ListAccounts given to ListAccountRoles (or to another account) is refused.
 */
function page<T>(
  items: readonly T[],
  token: string | undefined,
  size: number,
  scope: string,
): Page<T> | 'bad-token' {
  let start = 0;
  if (token !== undefined) {
    const decoded = decodeToken(token);
    if (!decoded || decoded.scope !== scope) return 'bad-token';
    start = decoded.offset;
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? encodeToken(scope, end) : undefined,
  };
}

function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ scope, offset })).toString('base64url');
}

function decodeToken(token: string): { scope: string; offset: number } | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    const { scope, offset } = value as { scope?: unknown; offset?: unknown };
    if (typeof scope === 'string' && Number.isInteger(offset) && (offset as number) >= 0) {
      return { scope, offset: offset as number };
    }
  } catch {
    // not ours: refused below
  }
  return undefined;
}
