/**
 * The AWS SDK emits a NodeVersionSupportWarning on every run under Node 20. It is
 * advice for the developer, not the user of a command whose stderr carries
 * exactly one line per error, so that one warning is dropped; all others pass.
 */
export function quietSdkNodeVersionWarning(): void {
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = warning instanceof Error ? `${warning.name}: ${warning.message}` : String(warning);
    if (text.startsWith('NodeVersionSupportWarning')) return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
}
