/**
 * The JS SDK re-runs credential_process when less than 5 minutes remain, so a
 * session handed out (credential-process, env, exec) must have more than that.
 */
export const ISSUE_MIN_LIFE_MS = 5 * 60_000 + 60_000;
