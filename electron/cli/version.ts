declare const SWITCHYARD_VERSION: string | undefined;

/** The package version the CLI bundle was built from ("dev" when run unbundled). */
export function cliVersion(): string {
  return typeof SWITCHYARD_VERSION === 'string' ? SWITCHYARD_VERSION : 'dev';
}
