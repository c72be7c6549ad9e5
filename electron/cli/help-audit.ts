/** Help for the audit trail's command. */
export const AUDIT_HELP: Record<string, string> = {
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
};
