import { serviceNames } from '../../shared/console-services';

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
  switchyard roles list|add|edit|remove|import|export|import-catalog …
  switchyard keys set <source-name> [--access-key-id AKIA…]   (secret key on stdin)
  switchyard keys delete <source-name>
  switchyard sso login|sessions|sync|logout …   (IAM Identity Center)
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

export const COMMAND_HELP: Record<string, string> = {
  assume: `Usage: switchyard assume <role-arn> <profile> [options]

Assumes the role with STS and writes its temporary credentials to <profile> in the
shared credentials file, atomically, keeping every other byte of the file.

Options:
  --external-id ID        ExternalId the role's trust policy requires
  --duration SECONDS      session length, 900-43200 (default 3600; 1 hour at most
                          when the source credentials are themselves temporary)
  --session-name NAME     RoleSessionName, shown in CloudTrail (default switchyard-<user>)
  --source-profile NAME   profile whose credentials call STS (default: the SDK's chain)
  --region REGION         STS region (default: AWS_REGION, the source profile's region,
                          else the partition's home region)
  --mfa-serial ARN        MFA device; its code comes from --mfa-code, else a prompt
                          on the terminal, else one line of stdin
  --mfa-code CODE         the 6-digit code from the device
  --force                 overwrite a profile Switchyard does not manage
  --json                  print one JSON object (never a secret)
`,
  console: `Usage:
  switchyard console <id|label> [--federated] [--service S] [--region R]
      [--browser default|chrome|chromium|edge|brave|vivaldi|arc|firefox-container|PATH] [--print]
  switchyard console <role-arn> [--display-name TEXT] [--color RRGGBB] [--print]
  switchyard console --profile <profile> [--federated] [--region R | --destination URL] [--print]

Opens the AWS console as a role. A catalog role opens in its own browser
(--browser, else the role's console setting, else the settings' default, else
the system browser): a Chromium-family browser with a profile folder of its own
per role, or Firefox with a container per role (needs the "Open external links
in a container" extension), so several roles stay signed in side by side.
--service and --region pick the page (the role's region by default); with
--federated (always, for Identity Center roles) it signs in with the role's live
session, else it uses the console's Switch Role page, which lands there after
the switch. --print prints the URL, or for a browser the command line that would
run; a sign-in link is never put in a command line, so --print --federated with
a browser is refused.

With a role ARN (or --profile alone) it opens the console's Switch Role page
pre-filled. With --profile and --federated it signs in directly with that
profile's temporary credentials (getSigninToken).

Services: ${serviceNames().join(', ')}.

Options:
  --display-name TEXT     name shown in the console's role menu
  --color RRGGBB          colour of the role in the console (hex or red/orange/yellow/green/blue)
  --profile NAME          a profile in the credentials file
  --federated             sign in with the profile's session instead of switching role
  --region REGION         console region
  --destination URL       console page to land on (https, AWS console host)
  --print                 print the URL (or the browser command line) instead of opening it
  --service NAME          console page of a service (catalog roles)
  --browser NAME|PATH     where a catalog role's console opens, this time

A --federated sign-in link holds a token that signs in whoever has it, so the
browser is handed a one-time http://127.0.0.1 redirect to it instead (the command
waits up to 60 s for the browser to fetch it); the token never appears in a
command line.
`,
  activate: `Usage: switchyard activate <id|label>... [--mfa-code CODE] [--json]

Assumes each catalog role and writes its profile. When the tray app or
\`switchyard daemon\` is running, it asks that process (which then keeps the
sessions fresh) and waits for its answer; otherwise it acts itself and says that
nothing will renew the sessions. Roles chained from another role activate it too.

Options:
  --mfa-code CODE   answer the MFA prompt of the roles' source identity (one code
                    for every role sharing it); without it, the code is asked for
                    on the terminal, or read as one line per device from stdin
  --json            print the roles' status as JSON
`,
  deactivate: `Usage: switchyard deactivate <id|label>... [--json]

Stops refreshing the roles and removes their profiles from the credentials file.
`,
  refresh: `Usage: switchyard refresh [--all | <id|label>...] [--json]

Renews the sessions now (all active roles when no role is named).
`,
  status: `Usage: switchyard status [--json]

Every catalog role: its profile, state and time to expiry, then who refreshes
them, or, when no refresher runs (none started, or it was killed), when the
profiles expire. --json prints an array of {id, label, profile, roleArn, state,
isDefault, chained, expiration, expiresInSeconds, error, refresher}; refresher
is null when nothing refreshes. Never a secret.
`,
  daemon: `Usage: switchyard daemon

Keeps every active role fresh until SIGINT or SIGTERM, logging each role's state
changes (never a secret). Only one refresher runs per user: if the tray app or
another daemon already does, this one says which and stays passive, taking over
when that process stops.
`,
  'credential-process': `Usage: switchyard credential-process <id|label>

Prints the role's credentials in the credential_process format (Version 1, with
Expiration), for ~/.aws/config:
  [profile prod]
  credential_process = switchyard credential-process prod-admin
The live session is reused while it has over 6 minutes left; otherwise a new one
is assumed and handed over without being written anywhere.
`,
  roles: `Usage:
  switchyard roles list [--json]
  switchyard roles add --label L --role-arn ARN --profile P [source] [options] [--json]
  switchyard roles edit <id|label> [--label L] [--role-arn ARN] [--profile P] [source]
                        [options] [--clear FIELD]... [--json]
  switchyard roles remove <id|label> [--json]
  switchyard roles import [--config-file PATH] [--dry-run] [--json]
  switchyard roles export FILE [--force]
  switchyard roles import-catalog FILE [--dry-run] [--json]

The role catalog (catalog.json in SWITCHYARD_CONFIG_DIR, else the app's settings
folder), shared with the tray app. A role is named by its id or its label (any case).

  list             id, label, account, role name, target profile and source of each
                   role; --json prints the array of roles
  add              adds a role under a new id (the role's source: the SDK's default
                   chain unless one of the source options is given)
  edit             changes the options given; the id never changes
  remove           removes a role (refused while other roles chain from it)
  import           imports the profiles with role_arn from ~/.aws/config (or
                   --config-file): prints what is added, updated and skipped and why,
                   then writes it unless --dry-run. Each role writes to its own
                   profile, <name>-switchyard; importing again updates, never duplicates
  export           writes the roles to FILE as a team catalog file (no secrets, no
                   settings; 0600, atomically); refuses an existing FILE unless --force,
                   and a folder always
  import-catalog   merges a team catalog file by id: new roles added, known ones
                   replaced; checked in full first, so a bad file changes nothing

Source (one of):
  --source-profile NAME   a profile in ~/.aws/credentials or ~/.aws/config
  --source-role ID|LABEL  another catalog role: chain from its session (1 hour at most)
  --source-keys NAME      IAM user keys stored with \`switchyard keys set NAME\`

Options:
  --external-id ID        ExternalId the role's trust policy requires
  --session-name NAME     RoleSessionName, shown in CloudTrail
  --duration SECONDS      session length, 900-43200
  --region REGION         STS region
  --mfa-serial ARN        MFA device of the source identity
  --color C               console colour (hex or red/orange/yellow/green/blue)
  --group G               group or account alias shown in the menu
  --tag T                 a tag; repeat for several (edit: replaces all tags)
  --clear FIELD           edit: unset external-id, session-name, duration, region,
                          mfa-serial, color, group, tag or source (back to the
                          default chain); repeat for several
  --json                  print one JSON value: the role (add, edit, remove), the
                          roles (list), or what was added, updated and skipped (imports)
`,
  sso: `Usage:
  switchyard sso login <start-url> --region <sso-region> [--session-name NAME]
                       [--no-browser] [--json]
  switchyard sso login [--session NAME] [--no-browser] [--json]
  switchyard sso sessions [--json]
  switchyard sso sync [--session NAME] [--dry-run] [--json]
  switchyard sso logout [--session NAME]

IAM Identity Center (SSO). Sessions are the [sso-session NAME] sections of
~/.aws/config (AWS_CONFIG_FILE); tokens live in ~/.aws/sso/cache, the cache the
AWS CLI and SDKs share: a sign-in here makes \`aws --profile X\` work for profiles
using that session, and \`aws sso login\` signs Switchyard in too.

  login      signs in. With a start URL, adds an [sso-session] for it first (named
             --session-name, else after the URL's host) unless one has that URL;
             without, signs in to --session or the only session. Opens the browser
             (authorization code with PKCE on a 127.0.0.1 redirect); --no-browser,
             or no browser to open, prints a page and a code to approve instead.
             Roles of the session that waited for a sign-in resume.
  sessions   each session: start URL, region, signed in?, when the token expires
  sync       adds every account and role the session grants to the catalog
             ("<account> / <role>", grouped by account), updates names, and marks
             roles no longer granted (kept, with your edits); --dry-run prints what
             would change
  logout     ends the token at the portal and deletes it from the cache

Options:
  --json     print one JSON value at the end (never a token)
`,
  keys: `Usage:
  switchyard keys set <source-name> [--access-key-id AKIA…]  < key-lines
  switchyard keys delete <source-name>

Stores (or deletes) an IAM user's long-term access key in the OS keychain, under
the name catalog roles use with --source-keys. Never in a file.

The secret access key is read from standard input, never from arguments or the
environment: one line, trimmed. Without --access-key-id, the first line is the
access key ID and the second the secret. Nothing is echoed.

  switchyard keys set ci --access-key-id AKIAIOSFODNN7EXAMPLE < secret.txt
  pass show aws/ci-user | switchyard keys set ci     (two lines: key ID, secret)

Without a reachable keychain (Linux: a Secret Service such as GNOME Keyring over
D-Bus) this fails, exit 1, and nothing is stored anywhere.
`,
};
