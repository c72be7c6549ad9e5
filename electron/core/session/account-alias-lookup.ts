import type { AccountNames } from '../../../shared/account-name';
import type { RoleEntry } from '../../../shared/model';
import { parseRoleArn } from '../../../shared/role-arn';
import { fillAccountAlias } from '../catalog/account-names';
import {
  iamEndpoint,
  listAccountAliases,
  type ListAliasesOptions,
} from '../iam/list-account-aliases';
import type { SessionCredentials } from '../secret';
import { loadCaBundle } from '../sts/ca-bundle';

export interface AliasLookupDeps {
  readonly catalog: {
    accounts(): AccountNames;
    changeAccounts<T>(
      change: (names: AccountNames) => { readonly names?: AccountNames; readonly result: T },
    ): T;
  };
  readonly env: NodeJS.ProcessEnv;
  /** A role's live session, if it has one now. */
  readonly credentialsOf: (roleId: string) => SessionCredentials | undefined;
  /** An account was named: publish the change. */
  readonly onNamed: () => void;
  /** One line for a debug log (never a secret); nowhere when absent. */
  readonly debug?: (line: string) => void;
  /** The IAM call; replaced in tests. */
  readonly lookup?: (options: ListAliasesOptions) => Promise<string | undefined>;
}

/**
 * After a role's activation, best effort: the account's IAM alias
 * (iam:ListAccountAliases with the new session) becomes its name, where it has
 * none. Once per account per process, remembered whatever the answer; an
 * account with any alias, or whose alias the user cleared, is never asked. It
 * runs after the activation and never fails or delays it: any error
 * (AccessDenied above all: most roles may not call IAM) is a debug line.
 */
export class AccountAliasLookup {
  readonly #deps: AliasLookupDeps;
  readonly #asked = new Set<string>();
  readonly #running = new Set<Promise<void>>();
  #ca: Promise<string | undefined> | undefined;

  constructor(deps: AliasLookupDeps) {
    this.#deps = deps;
  }

  /** Starts the lookups for these just-activated roles' accounts; returns at once. */
  after(roles: readonly RoleEntry[]): void {
    let names: AccountNames;
    try {
      names = this.#deps.catalog.accounts();
    } catch {
      return;
    }
    for (const role of roles) {
      const arn = parseRoleArn(role.roleArn);
      const name = names[arn.accountId];
      // Named already, or cleared by the user (who chose no alias): nothing to ask.
      if (this.#asked.has(arn.accountId) || name?.alias !== undefined) continue;
      if (name?.aliasFrom === 'user') continue;
      const credentials = this.#deps.credentialsOf(role.id);
      if (!credentials) continue;
      this.#asked.add(arn.accountId);
      const run = this.#lookUp(arn.accountId, arn.partition, credentials).finally(() =>
        this.#running.delete(run),
      );
      this.#running.add(run);
    }
  }

  /** Resolves once every lookup started so far has ended (for tests and stop()). */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running]);
  }

  async #lookUp(
    accountId: string,
    partition: Parameters<typeof iamEndpoint>[0],
    credentials: SessionCredentials,
  ): Promise<void> {
    const { env, debug } = this.#deps;
    try {
      const ca = await this.#caBundle();
      const alias = await (this.#deps.lookup ?? listAccountAliases)({
        endpoint: iamEndpoint(partition, env),
        credentials,
        ...(ca === undefined ? {} : { ca }),
      });
      if (alias === undefined) {
        debug?.(`account ${accountId} has no IAM alias`);
        return;
      }
      const named = this.#deps.catalog.changeAccounts((names) => {
        const next = fillAccountAlias(names, accountId, alias, 'iam');
        return { names: next, result: next !== undefined };
      });
      if (named) this.#deps.onNamed();
    } catch (error) {
      debug?.(
        `account ${accountId}: no IAM alias looked up (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }

  /** AWS_CA_BUNDLE's PEM, read once (a bundle that cannot be read is the STS calls' to report). */
  #caBundle(): Promise<string | undefined> {
    this.#ca ??= loadCaBundle(this.#deps.env, { configFile: {}, credentialsFile: {} }, []).then(
      (bundle) => bundle?.pem,
      () => undefined,
    );
    return this.#ca;
  }
}
