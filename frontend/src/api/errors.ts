// Every failure the UI can meet, turned into one shape with a message for a person.
import type { Messages } from '../i18n/en';

/** The API's error body: `{"code", "message", "details"}`, message already in our language. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export interface Problem {
  /** HTTP status; 0 when the server could not be reached at all. */
  status: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
  /** Field name -> what is wrong, from a 422's details.errors[]. */
  fields: Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    isRecord(value) && typeof value.code === 'string' && typeof value.message === 'string' && value.message.length > 0
  );
}

function fieldErrors(details: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  const errors = details.errors;
  if (!Array.isArray(errors)) return fields;
  for (const entry of errors) {
    if (isRecord(entry) && typeof entry.field === 'string' && entry.field) {
      fields[entry.field] ??= typeof entry.error === 'string' ? entry.error : '';
    }
  }
  return fields;
}

/**
 * A problem from an HTTP response. The API's own message is used whenever the body has one;
 * a proxy's HTML error page or an empty body gets a generic message in the UI's language.
 */
export function problemFromResponse(status: number, body: unknown, t: Messages): Problem {
  if (isApiErrorBody(body)) {
    const details = isRecord(body.details) ? body.details : {};
    const message = ownWords(body.code, details, t) ?? body.message;
    return { status, code: body.code, message, details, fields: fieldErrors(details) };
  }
  // A 413 from a proxy in front of Django never reaches the API's own, friendlier, check.
  const message = status >= 500 ? t.errServer : status === 413 ? t.errTooLarge : t.errUnexpected(status);
  return { status, code: status >= 500 ? 'server_error' : 'http_error', message, details: {}, fields: {} };
}

/**
 * Messages that carry a number are worded here, so the number reads the way every other number
 * on the screen does ("en 1 segundo", "16,5 MB") rather than as the server printed it.
 */
function ownWords(code: string, details: Record<string, unknown>, t: Messages): string | null {
  const number = (name: string) => (typeof details[name] === 'number' ? (details[name] as number) : null);
  const seconds = number('retry_after');
  if (code === 'too_many_attempts' && seconds !== null) return t.errTooManyAttempts(seconds);
  if (code === 'upload_rate_limited' && seconds !== null) return t.errUploadRate(number('limit') ?? 0, seconds);
  if (code === 'upload_queue_full' && seconds !== null) return t.errUploadQueueFull(seconds);
  const eligible = typeof details.eligible === 'string' ? details.eligible : null;
  const line = number('expense_id');
  if (code === 'over_limit' && eligible !== null && line !== null) return t.errOverLimit(line, eligible);
  const maxBytes = number('max_bytes');
  if (code === 'file_too_large' && maxBytes !== null) return t.errReceiptTooLarge(maxBytes);
  return null;
}

/** The server was not reached: offline, DNS, connection reset, CORS… */
export function networkProblem(t: Messages): Problem {
  return { status: 0, code: 'network', message: t.errNetwork, details: {}, fields: {} };
}

/** The existing receipt's id when an upload was refused as a duplicate. */
export function duplicateOf(problem: Problem): number | null {
  if (problem.code !== 'duplicate_receipt') return null;
  const id = Number(problem.details.receipt_id);
  return Number.isInteger(id) && id > 0 ? id : null;
}
