/** Help for the commands that edit the catalog: roles, account names and team catalog subscriptions. */
export const CATALOG_HELP: Record<string, string> = {
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
  accounts: `Usage:
  switchyard accounts [list] [--json]
  switchyard accounts set <account-id> [--alias NAME] [--color C] [--json]
  switchyard accounts clear <account-id> [--alias] [--color] [--auto] [--json]

The name of each AWS account in the catalog: one alias and colour per 12-digit
account id (1111-2222-3333 works too), shown in the tray's headings
("acme-prod · 1111-2222-3333 · 3 roles").

  list     every account with roles or a name: id, alias ("(none)" when you
           cleared it), where the alias came from (user, identity-center, iam,
           subscription NAME), colour and role count
  set      sets the alias (1-64 printable characters) and/or the colour (hex or
           red/orange/yellow/green/blue). An alias you set is never replaced; one
           from a team catalog subscription, an Identity Center sync or the
           account's IAM alias is filled in only where you have none
  clear    removes the alias and/or colour (both when neither flag is given). A
           cleared alias stays cleared: nothing automatic names the account again
  --auto   clear: remove the alias and let a subscription, Identity Center or the
           IAM alias name the account again (implies --alias)
  --json   print one JSON value: the accounts (list) or the account (set, clear)
`,
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
the rest are yours and kept across syncs. The file's account names name accounts
without an alias of yours, and follow the file (see \`switchyard accounts\`).
Conflicts are never merged: a role whose id or profile a local role or an earlier
subscription already has is held back and listed. A sync that removes or changes
an active role is not applied until you agree: run it again with --yes.

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
};
