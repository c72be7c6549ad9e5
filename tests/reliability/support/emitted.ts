import { runCli, type RunOptions, type RunResult } from '../../support/run-cli';

/**
 * Every byte the app printed in this test file, so a file can end by grepping
 * it for the secrets it planted or that STS issued.
 */
export const emitted: string[] = [];

export async function runCliRecorded(
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const result = await runCli(args, options);
  emitted.push(result.stdout, result.stderr);
  return result;
}

/** Secrets in a credentials file's text: every key id, secret and token value. */
export function secretsIn(credentialsText: string): string[] {
  return [
    ...credentialsText.matchAll(
      /^\s*aws_(?:secret_access_key|session_token|access_key_id)\s*=\s*(\S+)/gm,
    ),
  ].map((m) => m[1]!);
}

/** The secret values (not key ids, which are identifiers) found in `texts`, for a failure message. */
export function leaks(texts: readonly string[], secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const secret of new Set(secrets)) {
    if (secret.length < 8) continue;
    if (texts.some((t) => t.includes(secret)))
      found.push(`${secret.slice(0, 4)}… (${secret.length} chars)`);
  }
  return found;
}
