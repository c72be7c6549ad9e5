/**
 * The fake portal's wire details: how AWS's portal writes an answer and an
 * error (status, `x-amzn-ErrorType`, body `{"message": …}`), and how it reads
 * its query parameters.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const ERROR_TYPES: Record<number, [string, string]> = {
  400: ['InvalidRequestException', 'Invalid request'],
  401: ['UnauthorizedException', 'Session token not found or invalid'],
  // Not in the service model, but what AWS answers for a role not (or no longer) assigned.
  403: ['ForbiddenException', 'No access'],
  404: ['ResourceNotFoundException', 'Resource not found'],
  429: ['TooManyRequestsException', 'Too many requests'],
  500: ['InternalServerException', 'Internal server error'],
  503: ['ServiceUnavailableException', 'Service unavailable'],
};

/** An error answer: the status picks the type, as in the table above. */
export class PortalHttpError extends Error {
  constructor(
    readonly status: number,
    message?: string,
  ) {
    super(message ?? ERROR_TYPES[status]?.[1] ?? 'Error');
  }

  get type(): string {
    return ERROR_TYPES[this.status]?.[0] ?? 'InternalServerException';
  }
}

/** What was sent, for the request record. */
export interface Answered {
  status?: number;
  errorType?: string;
}

export function sendError(res: ServerResponse, record: Answered, error: PortalHttpError): void {
  record.errorType = error.type;
  // AWS appends its service namespace to the type; both SDKs cut it at the colon.
  res.setHeader(
    'x-amzn-ErrorType',
    `${error.type}:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/`,
  );
  sendJson(res, record, error.status, { message: error.message });
}

export function sendJson(
  res: ServerResponse,
  record: Answered,
  status: number,
  body: unknown,
): void {
  record.status = status;
  if (res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomBytes(16).toString('hex'),
  });
  res.end(text);
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined || one === '' ? undefined : one;
}

export function param(q: URLSearchParams, name: string): string | undefined {
  const value = q.get(name);
  return value === null || value === '' ? undefined : value;
}

export function accountParam(q: URLSearchParams): string {
  const accountId = param(q, 'account_id');
  if (!accountId || !/^\d{12}$/.test(accountId)) {
    throw new PortalHttpError(400, 'account_id must be a 12-digit account id');
  }
  return accountId;
}

/** max_result as the model allows it (1–100), capped by the portal's own page size. */
export function pageLimit(q: URLSearchParams, pageSize: number): number {
  const raw = param(q, 'max_result');
  if (raw === undefined) return pageSize;
  const asked = Number(raw);
  if (!/^\d+$/.test(raw) || asked < 1 || asked > 100) {
    throw new PortalHttpError(400, 'max_result must be between 1 and 100');
  }
  return Math.min(asked, pageSize);
}
