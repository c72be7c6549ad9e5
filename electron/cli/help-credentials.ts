import { serviceNames } from '../../shared/console-services';

/** Help for the commands that hand a role's credentials to something: a profile, the console, a process, a shell, a command, a container. */
export const CREDENTIAL_HELP: Record<string, string> = {
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
};
