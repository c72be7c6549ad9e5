/** Help for the commands that manage where roles are assumed from: keychain keys and IAM Identity Center. */
export const SOURCE_HELP: Record<string, string> = {
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
};
