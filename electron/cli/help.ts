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

export const COMMAND_HELP: Record<string, string> = {
  catalog: `Usage:
  switchyard catalog subscribe <https-url | file | git-remote> [--name N] [--ref BRANCH|TAG]
                               [--path FILE] [--sha256 DIGEST] [--every 1h] [--json]
  switchyard catalog subscriptions [--json]
  switchyard catalog sync [--name N] [--dry-run] [--yes] [--json]
  switchyard catalog unsubscribe <name> [--keep-roles] [--yes] [--json]

Follows a team's shared role list: a \`switchyard catalog\` export (or an AWS config
file of role profiles) at an https URL (ETag-checked), a file on this machine, or a
git repository (git ls-remote, then a shallow fetch; --ref and --path say which
branch or tag and which file, default catalog.json). A file that fails its checks
is rejected whole and the last good copy stays in use. At most 1 MiB.

Subscribed roles are marked with their subscription; their ARN, source, external
ID and duration follow it (change them upstream), while label, profile, colour and
the rest are yours and kept across syncs. Conflicts are never merged: a role whose
id or profile a local role or an earlier subscription already has is held back and
listed. A sync that removes or changes an active role is not applied until you
agree: run it again with --yes.

Options:
  --name N         the subscription's name (default: from the source)
  --ref REF        git: branch or tag to follow (default: the remote's HEAD)
  --path FILE      git: the file inside the repository (default catalog.json)
  --sha256 DIGEST  pin the content (for git: a commit id); a change is refused
  --every 1h       how often the tray app or daemon syncs it (30m, 1h, 1d…)
  --dry-run        show what a sync would change; write nothing
  --yes            apply changes that remove or change active roles
  --keep-roles     unsubscribe, keeping its roles as local roles
`,
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
  endpoint: `Usage:
  switchyard endpoint <id|label> [--json]
  switchyard endpoint --revoke <id|label>|--all [--json]

Grants a long-running process (a container, an IDE, a notebook) the role's
credentials through the local credential endpoint that the tray app or
\`switchyard daemon\` serves on 127.0.0.1. Prints the two variables the AWS SDKs
and CLI read, one KEY=value line each (a docker --env-file takes them as they
are), or with --json one object:
  AWS_CONTAINER_CREDENTIALS_FULL_URI   http://127.0.0.1:<port>/role/<id>
  AWS_CONTAINER_AUTHORIZATION_TOKEN    the grant's token (a secret: keep it so)
The process then fetches fresh credentials itself for as long as it runs;
nothing is written to the credentials file. The grant lasts, across refresher
restarts (the same port is used again when free), until --revoke takes back that
role's grants or --all every one. Only its SHA-256 is stored (in state.json).
`,
  'credential-process': `Usage: switchyard credential-process <id|label>

Prints the role's credentials in the credential_process format (Version 1, with
Expiration), for ~/.aws/config:
  [profile prod]
  credential_process = switchyard credential-process prod-admin
The live session is reused while it has over 6 minutes left; otherwise a new one
is assumed and handed over without being written anywhere.
`,
  env: `Usage: switchyard env <id|label> [--shell bash|zsh|fish|powershell|cmd] [--unset] [--json]

Prints the lines that give the current shell the role, quoted for that shell:
  eval "$(switchyard env prod)"                              bash, zsh
  switchyard env prod | source                               fish
  switchyard env prod --shell powershell | Invoke-Expression
They set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
AWS_CREDENTIAL_EXPIRATION, AWS_REGION and AWS_DEFAULT_REGION (when the role has a
region) and SWITCHYARD_ROLE, and remove AWS_PROFILE and every other inherited AWS
credential variable. Nothing is written to the credentials file. The keys are the
live session's (reused while it has over 6 minutes left) or a new one; they stop
working when they expire: rerun the command then, or use \`switchyard exec\`.
env never uses the local credential endpoint: its output outlives the command.

Options:
  --shell NAME   bash, zsh, fish, powershell or cmd (default: from $SHELL, else the
                 parent process, else bash; powershell on Windows)
  --unset        print the lines that remove those variables instead
  --json         print the credential_process object (as credential-process does)
`,
  exec: `Usage: switchyard exec <id|label> [--mfa-code CODE] [--no-endpoint] [--force] -- <command> [args...]

Runs the command with the role's credentials in its environment; nothing is
written to the credentials file. When the tray app or \`switchyard daemon\` serves
the local credential endpoint, the child gets AWS_CONTAINER_CREDENTIALS_FULL_URI
and AWS_CONTAINER_AUTHORIZATION_TOKEN (its SDK refreshes itself for as long as it
runs; the grant is revoked when it exits); otherwise, or with --no-endpoint, it
gets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and
AWS_CREDENTIAL_EXPIRATION. AWS_REGION/AWS_DEFAULT_REGION (when the role has a
region) and SWITCHYARD_ROLE are set; AWS_PROFILE and every other inherited AWS
credential variable are removed.

stdin, stdout and stderr are the child's. SIGTERM and SIGHUP are passed on;
SIGINT too, except when it came from the terminal (the child already has it).
The exit code is the child's, 128+N when signal N killed it, 127 when the
command is not found, 126 when it is not executable.

Options:
  --mfa-code CODE   the MFA code when the role needs one (else asked on the terminal)
  --no-endpoint     hand the child keys even when the endpoint is served
  --force           run even when SWITCHYARD_ROLE is set (exec inside exec)
`,
  accounts: `Usage:
  switchyard accounts [list] [--json]
  switchyard accounts set <account-id> [--alias NAME] [--color C] [--json]
  switchyard accounts clear <account-id> [--alias] [--color] [--json]

The name of each AWS account in the catalog: one alias and colour per 12-digit
account id (1111-2222-3333 works too), shown in the tray's headings
("acme-prod · 1111-2222-3333 · 3 roles").

  list     every account with roles or a name: id, alias, where the alias came
           from (user, identity-center, iam), colour and role count
  set      sets the alias (1-64 printable characters) and/or the colour (hex or
           red/orange/yellow/green/blue). An alias you set is never replaced; one
           from an Identity Center sync or the account's IAM alias is filled in
           only where you have none
  clear    removes the alias and/or colour (both when neither flag is given)
  --json   print one JSON value: the accounts (list) or the account (set, clear)
`,
  roles: `Usage:
  switchyard roles list [--json]
  switchyard roles add --label L --role-arn ARN --profile P [source] [options] [--json]
  switchyard roles edit <id|label> [--label L] [--role-arn ARN] [--profile P] [source]
                        [options] [--clear FIELD]... [--json]
  switchyard roles remove <id|label> [--json]
  switchyard roles import [--config-file PATH] [--only P1,P2] [--dry-run] [--json]
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
                   profile, <name>-switchyard (so the config's own profile is never
                   overwritten); importing again updates, never duplicates; a role
                   the catalog has (same ARN and source) is skipped. --only imports
                   just the config profiles named
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
  --group G               heading in the menu for an account without an alias
                          (see \`switchyard accounts\`)
  --tag T                 a tag; repeat for several (edit: replaces all tags)
  --console-browser B     where the role's console opens: default, chrome, chromium,
                          edge, brave, vivaldi, arc, firefox-container, or a path
  --chromium-profile NAME with a Chromium-family browser: an existing profile folder
                          (default: one of the role's own)
  --clear FIELD           edit: unset external-id, session-name, duration, region,
                          mfa-serial, color, group, tag, console-browser or source
                          (back to the default chain); repeat for several
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
  audit: `Usage:
  switchyard audit [--since SPAN|DATE] [--role X] [--event E] [--json]
  switchyard audit export FILE [--since SPAN|DATE] [--role X] [--event E] [--force]

Shows the audit trail: every credential Switchyard issued or used (assume, refresh,
failure, expire-removed, console-link, federated-sign-in, credential-process, exec,
endpoint-grant, sso-sign-in, mfa-session), with the role, profile, source identity,
session name, expiry, outcome and who asked. Never a secret. The trail is one JSON
line per event in <config folder>/audit/YYYY-MM.jsonl (owner-only), kept for the
months the auditRetentionMonths setting says (default 12).

Options:
  --since SPAN|DATE   30m, 24h, 7d, 2w, or a date (2026-12-01) or ISO time
                      (default for the table: 24h; export: everything kept)
  --role X            a role's id, label, profile, ARN or role name
  --event E           one event kind from the list above
  --json              JSON lines instead of the table
  --force             export: replace FILE if it exists

export writes JSON lines (FILE ending .jsonl/.json) or CSV (FILE ending .csv).
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
