import { readFileSync } from 'node:fs';
import { shellOfProgram, type Shell } from './shell-lines';

export interface ShellClues {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  /** The parent process's name (/proc/<ppid>/comm on Linux); undefined where unknown. */
  readonly parentName: () => string | undefined;
}

/** The parent's name from /proc on Linux; elsewhere there is no cheap way, so none. */
function linuxParentName(): string | undefined {
  try {
    return readFileSync(`/proc/${process.ppid}/comm`, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export const processShellClues = (): ShellClues => ({
  platform: process.platform,
  env: process.env,
  parentName: process.platform === 'linux' ? linuxParentName : () => undefined,
});

/**
 * The shell `switchyard env` writes for when --shell is not given: the login
 * shell in $SHELL, else the program that ran us, else bash (PowerShell on
 * Windows, where $SHELL is usually unset and cmd users are told to pick).
 */
export function guessShell(clues: ShellClues = processShellClues()): Shell {
  const fromEnv = clues.env.SHELL ? shellOfProgram(clues.env.SHELL) : undefined;
  if (fromEnv) return fromEnv;
  const parent = clues.parentName();
  const fromParent = parent ? shellOfProgram(parent) : undefined;
  if (fromParent) return fromParent;
  return clues.platform === 'win32' ? 'powershell' : 'bash';
}
