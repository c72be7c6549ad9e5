import { checkMfaCode } from '../../../shared/validate';
import type { StateAction } from '../refresh/state-model';
import { sealForRefresher } from './code-sealing';
import type { SessionManagerDeps } from './session-deps';
import { writeRequests, type CodeSealer } from './state-sync';

type AskDeps = Pick<SessionManagerDeps, 'stateFile' | 'clock' | 'requester' | 'refresherHolder'>;

/**
 * Asks the running refresher (through the state file) to act on these roles,
 * already checked against the catalog: all the requests go in one state-file
 * write. Returns the request ids in the order given; the refresher records
 * each result under its id. An MFA code goes sealed to the refresher's
 * published key, bound to each request.
 */
export async function askRefresher(
  deps: AskDeps,
  action: StateAction,
  roleIds: readonly string[],
  mfaCode: string | undefined,
): Promise<string[]> {
  const { stateFile, clock, requester, refresherHolder } = deps;
  const from = { pid: process.pid, kind: requester ?? 'cli' } as const;
  const code = mfaCode === undefined ? undefined : checkMfaCode(mfaCode);
  const seal: CodeSealer | undefined =
    code === undefined
      ? undefined
      : (current, request) =>
          sealForRefresher(current, refresherHolder, code, request, clock.now());
  return writeRequests(stateFile, action, roleIds, from, clock.now(), seal);
}
