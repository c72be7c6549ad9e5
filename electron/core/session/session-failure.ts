import { InputError } from '../../../shared/input-error';
import type { SessionErrorView } from '../../../shared/model';
import { SsoError } from '../sso/sso-errors';
import { classifyStsError } from '../sts/sts-error';

/** The role waits for an MFA code on its source identity. */
export class NeedsMfa extends Error {
  constructor(
    readonly sourceKey: string,
    readonly mfaSerial: string,
    readonly reason?: string,
  ) {
    super('an MFA code is needed');
  }
}

/** STS gave a session but the credentials file did not take it. */
export interface FileProblem {
  readonly fileProblem: string;
  /** The profile holds keys it must not overwrite (only the user can fix that). */
  readonly refused: boolean;
}

export function isFileProblem(error: unknown): error is FileProblem {
  return typeof error === 'object' && error !== null && 'fileProblem' in error;
}

/** Sorts any failure of a round into the class the state machine and the views use. */
export function failureView(error: unknown): SessionErrorView {
  if (isFileProblem(error)) {
    return error.refused
      ? { kind: 'needs-user', code: 'ProfileRefused', message: error.fileProblem }
      : { kind: 'file', code: 'CredentialsFile', message: error.fileProblem };
  }
  if (error instanceof SsoError) {
    return { kind: error.kind, code: error.code, message: error.message };
  }
  if (error instanceof InputError) {
    return { kind: 'invalid-request', code: 'InvalidRole', message: error.message };
  }
  const sts = classifyStsError(error);
  return { kind: sts.kind, code: sts.code, message: sts.message };
}

export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split(/\r?\n/)[0] ?? text;
}
