/** Help for the commands that drive sessions: activating, deactivating, refreshing, status and the daemon. */
export const SESSION_HELP: Record<string, string> = {
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
};
