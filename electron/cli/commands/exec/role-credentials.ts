import type { RoleEntry } from '../../../../shared/model';
import { inputError } from '../../../../shared/check-text';
import { requireRole } from '../../../core/catalog/find-role';
import { readCatalogRoles } from '../../../core/catalog/read-catalog-roles';
import { resolveCredentialsPaths } from '../../../core/credentials/credentials-paths';
import { liveSessionKeys } from '../../../core/endpoint/live-session-keys';
import type { SessionCredentials } from '../../../core/secret';
import { roleEvent } from '../../../core/audit/role-event';
import { cliAudit } from '../../cli-audit';

/** The catalog role named on the command line (id, else label), read without an engine or the store. */
export function catalogRole(idOrLabel: string): RoleEntry {
  return requireRole(readCatalogRoles(), idOrLabel);
}

export interface KeyOptions {
  /** `--mfa-code`, when the command has it and it was given. */
  readonly mfaCode?: string;
  /** The command, for the one-line fix when a code is needed and nothing can ask. */
  readonly command: 'env' | 'exec';
}

/**
 * An MFA code, asked for once: the one given, else a prompt on the terminal
 * (as `activate` asks). Without a terminal nothing is read from stdin: for
 * `exec` it is the child's, and for `env` a pipe is not a person.
 */
function mfaAsker(role: RoleEntry, options: KeyOptions): (serial: string) => Promise<string> {
  return async (serial) => {
    if (options.mfaCode !== undefined) return options.mfaCode;
    if (process.stdin.isTTY === true) {
      return (await import('../../read-mfa-code')).readMfaCode(serial);
    }
    const fix =
      options.command === 'exec'
        ? 'pass --mfa-code CODE'
        : `run \`switchyard activate ${role.id}\` (it asks for the code), then rerun`;
    throw inputError(
      '--mfa-code',
      `${role.label} needs an MFA code for ${serial} and there is no terminal to ask on`,
      fix,
    );
  };
}

/**
 * Keys for the role, as `credential-process` hands them out: the live session
 * from the credentials file when it has enough life left (no engine, no SDK),
 * else the engine's `issueCredentials`, which assumes without writing anything.
 */
export async function roleKeys(role: RoleEntry, options: KeyOptions): Promise<SessionCredentials> {
  const { credentialsPath } = resolveCredentialsPaths(process.env);
  const live = await liveSessionKeys(role, credentialsPath, Date.now());
  if (live) {
    cliAudit()(roleEvent(options.command, 'ok', role, { expiresAt: live.expiresAt }));
    return live;
  }
  const { openCliEngine } = await import('../sessions/engine');
  const engine = await openCliEngine();
  try {
    return await engine.issueCredentials(role.id, {
      event: options.command,
      askMfaCode: mfaAsker(role, options),
    });
  } finally {
    await engine.stop();
  }
}
