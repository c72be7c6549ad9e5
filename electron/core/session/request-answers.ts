import { checkMfaCode } from '../../../shared/validate';
import type { StateAction, StateRequest, StateResult } from '../refresh/state-model';
import type { CodeInbox } from './code-inbox';
import type { EngineParts } from './engine-strategy';
import { takeMfaCode } from './mfa-codes';
import { oneLine } from './session-failure';

export interface AnswerContext {
  readonly parts: EngineParts;
  /** The refresher's key for sealed codes. */
  readonly inbox: CodeInbox | undefined;
  readonly perform: (action: StateAction, roleIds: readonly string[]) => Promise<void>;
  /** Joins the next round that has not started yet. */
  readonly joinRound: (roleIds: readonly string[]) => Promise<void>;
}

/**
 * Carries out one batch of other processes' requests (see answerRequests).
 * Codes first, each opened with the key only this process holds and used for
 * one GetSessionToken per identity, so the batch's round finds the MFA
 * session; a code that fails says why in its request's result, and the role
 * then waits for a code like any other.
 */
export async function answerBatch(
  context: AnswerContext,
  batch: readonly StateRequest[],
): Promise<StateResult[]> {
  const codeFailures = new Map<string, string>();
  const used = new Set<string>();
  const renew: string[] = [];
  for (const request of batch) {
    const { mfaCode } = request;
    if (!mfaCode) continue;
    try {
      if (!context.inbox) throw new Error('this process takes no MFA codes');
      const code = checkMfaCode(context.inbox.open({ ...request, mfaCode }));
      renew.push(...(await takeMfaCode(context.parts, request.roleId, code, used)));
    } catch (error) {
      codeFailures.set(request.id, `MFA code not used: ${oneLine(error)}`);
    }
  }
  // The roles that waited on the identity join the round the batch's own requests start.
  if (renew.length > 0) void context.joinRound(renew).catch(() => undefined);
  const results = await Promise.all(batch.map((request) => carryOut(context, request)));
  return results.map((result) => {
    const failure = codeFailures.get(result.id);
    return failure === undefined ? result : { ...result, ok: false, message: failure };
  });
}

async function carryOut(context: AnswerContext, request: StateRequest): Promise<StateResult> {
  let message: string | undefined;
  try {
    await context.perform(request.action, [request.roleId]);
    message = notActiveWhy(context.parts, request);
  } catch (error) {
    message = oneLine(error);
  }
  const { id, action, roleId } = request;
  return {
    id,
    action,
    roleId,
    ok: message === undefined,
    ...(message ? { message } : {}),
    finishedAt: context.parts.deps.clock.now(),
  };
}

/** Why a request's role is not active now (its error, or the MFA code it waits for), if it is not. */
function notActiveWhy(parts: EngineParts, request: StateRequest): string | undefined {
  const live = parts.sessions.get(request.roleId);
  if (live?.error) return live.error.message;
  if (live?.state !== 'needs-mfa') return undefined;
  const label = parts.deps.catalog.find(request.roleId)?.label ?? request.roleId;
  const how =
    request.from.kind === 'cli'
      ? `; rerun \`switchyard activate ${request.roleId}\` and type the code at the prompt, or pipe it on stdin`
      : '';
  return `${label} needs an MFA code${how}`;
}
