/**
 * Bad input from a user, a file or an IPC caller. `field` names what is wrong
 * (e.g. "role ARN", "--duration"); the message says the rule and how to fix it.
 * The CLI maps it to exit code 2.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
