import { InputError } from '../../../../shared/input-error';
import { quoteValue } from '../../../../shared/quote-value';

type Subcommand = (argv: readonly string[]) => Promise<void>;

// Loaded when run, like the top-level commands.
const SUBCOMMANDS: Record<string, () => Promise<Subcommand>> = {
  login: async () => (await import('./login')).ssoLoginCommand,
  sessions: async () => (await import('./sessions')).ssoSessionsCommand,
  sync: async () => (await import('./sync')).ssoSyncCommand,
  logout: async () => (await import('./logout')).ssoLogoutCommand,
};

const NAMES = Object.keys(SUBCOMMANDS).join(', ');

/** `switchyard sso <subcommand> …`: IAM Identity Center. */
export async function ssoCommand(argv: readonly string[]): Promise<void> {
  const [name, ...rest] = argv;
  const load =
    name !== undefined && Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!load) {
    const problem =
      name === undefined ? 'missing subcommand' : `unknown subcommand ${quoteValue(name)}`;
    throw new InputError(
      'subcommand',
      `sso: ${problem}; use one of ${NAMES}; run \`switchyard sso --help\``,
    );
  }
  await (
    await load()
  )(rest);
}
