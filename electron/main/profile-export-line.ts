/**
 * What "copy export" puts on the clipboard, for the user's shell: POSIX shells
 * on macOS and Linux, PowerShell on Windows. Profile names are limited to
 * letters, digits and _ - . @ + % : / (shared/validate-profile-name.ts), none
 * of which a POSIX shell treats specially; PowerShell gets a single-quoted
 * literal anyway, with quotes doubled should one ever get through.
 */
export function profileExportLine(profile: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') return `$env:AWS_PROFILE = '${profile.replaceAll("'", "''")}'`;
  return /^[\w@+.%:/-]+$/.test(profile)
    ? `export AWS_PROFILE=${profile}`
    : `export AWS_PROFILE='${profile.replaceAll("'", `'\\''`)}'`;
}

/**
 * What "Copy for terminal" puts on the clipboard: the `switchyard env` line
 * that gives one shell the role, activating nothing in the shared file.
 * `name` is the role's label (or its id when several roles share the label),
 * always quoted: labels may hold spaces and quotes.
 */
export function terminalEnvLine(name: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    return `switchyard env '${name.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}' --shell powershell | Invoke-Expression`;
  }
  return `eval "$(switchyard env '${name.replaceAll("'", `'\\''`)}')"`;
}
