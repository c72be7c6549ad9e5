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
