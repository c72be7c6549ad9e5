import type { SessionErrorView } from '../../../shared/model';

/** "Code: message", without repeating the code when AWS's message already starts with it. */
export function errorText(error: SessionErrorView): { code?: string; message: string } {
  const repeats =
    error.message.startsWith(`${error.code}:`) || error.message.startsWith(error.code);
  return repeats ? { message: error.message } : { code: error.code, message: error.message };
}

export function errorLine(error: SessionErrorView): string {
  const { code, message } = errorText(error);
  return code ? `${code}: ${message}` : message;
}
