import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A value that must never be printed, logged, serialized or sent to the renderer.
 * Every accidental path (String(), JSON.stringify, console.log, util.inspect,
 * template literals) yields "[redacted]"; only `reveal()` gives the value, so each
 * place that really needs it is easy to find and review.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }
}

/** Temporary credentials from STS. All three parts are treated as secret. */
export interface SessionCredentials {
  readonly accessKeyId: Secret;
  readonly secretAccessKey: Secret;
  readonly sessionToken: Secret;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}
