/**
 * The engine's answer to a refused MFA code, in words: the code field is
 * cleared, so this line is all the user sees of what happened.
 */
export function mfaCodeProblem(message: string): string {
  if (/MultiFactorAuthentication/i.test(message)) {
    return 'That code was not accepted: wait for the next code on your device and type it.';
  }
  return message;
}
