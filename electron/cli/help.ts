import { SESSION_HELP } from './help-sessions';
import { CREDENTIAL_HELP } from './help-credentials';
import { CATALOG_HELP } from './help-catalog';
import { SOURCE_HELP } from './help-sources';
import { AUDIT_HELP } from './help-audit';

/** The overview: what `switchyard`, `--help` and `help` print, and help for a topic without its own. */
export const USAGE = `switchyard: assume AWS IAM roles and keep their credentials fresh as named profiles

Usage:
  switchyard assume <role-arn> <profile> [options]
  switchyard console <id|label> [--federated] [--service S] [--region R] [--browser B|PATH] [--print]
  switchyard console <role-arn> [--display-name TEXT] [--color RRGGBB] [--print]
  switchyard console --profile <profile> [--federated] [--region R | --destination URL] [--print]
  switchyard activate <id|label>... [--mfa-code CODE] [--json]
  switchyard deactivate <id|label>... [--json]
  switchyard refresh [--all | <id|label>...] [--json]
  switchyard status [--json]
  switchyard daemon
  switchyard credential-process <id|label>
  switchyard endpoint <id|label> [--json] | --revoke <id|label>|--all
  switchyard env <id|label> [--shell bash|zsh|fish|powershell|cmd] [--unset] [--json]
  switchyard exec <id|label> [--mfa-code CODE] [--no-endpoint] [--force] -- <command> [args...]
  switchyard roles list|add|edit|remove|import|export|import-catalog …
  switchyard accounts [--json] | set <account-id> [--alias NAME] [--color C] | clear <account-id>
  switchyard keys set <source-name> [--access-key-id AKIA…]   (secret key on stdin)
  switchyard keys delete <source-name>
  switchyard sso login|sessions|sync|logout …   (IAM Identity Center)
  switchyard audit [--since 24h|7d|DATE] [--role X] [--event E] [--json]
  switchyard audit export FILE.jsonl|FILE.csv [filters] [--force]
  switchyard catalog subscribe|subscriptions|sync|unsubscribe …   (team catalogs)
  switchyard help [command]
  switchyard --version

Environment:
  AWS_SHARED_CREDENTIALS_FILE   credentials file (default ~/.aws/credentials)
  AWS_CONFIG_FILE               config file, read only (default ~/.aws/config)
  AWS_ENDPOINT_URL_STS          STS endpoint, as in the AWS SDKs (warned about when plain
                                http to another machine)
  SWITCHYARD_SIGNIN_ENDPOINT    federation endpoint (default https://<signin host>/federation)
  SWITCHYARD_CONFIG_DIR         folder of Switchyard's catalog.json (a leading ~/ is the
                                home folder; default: the app's settings folder, e.g.
                                ~/.config/Switchyard on Linux)

Exit codes: 0 success, 1 AWS or file error, 2 invalid arguments.
`;

/** Each command's own help (`switchyard help <command>`, `<command> --help`). */
export const COMMAND_HELP: Record<string, string> = {
  ...CATALOG_HELP,
  ...CREDENTIAL_HELP,
  ...SESSION_HELP,
  ...SOURCE_HELP,
  ...AUDIT_HELP,
};
