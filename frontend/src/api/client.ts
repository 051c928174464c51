// The typed API client (openapi-fetch over the generated schema) and one way to call it that
// never throws: every outcome is data or a Problem with a message for a person.
import createClient, { type Middleware } from 'openapi-fetch';
import { i18n } from '../i18n/index.svelte';
import { ensureCsrf } from './csrf';
import { networkProblem, problemFromResponse, type Problem } from './errors';
import type { paths } from './schema';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Told when a request comes back 401: the session ended (expired, or logged out elsewhere). */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

const headers: Middleware = {
  async onRequest({ request }) {
    // The API answers errors in this language.
    request.headers.set('Accept-Language', i18n.language);
    if (!SAFE_METHODS.has(request.method)) {
      const token = await ensureCsrf();
      if (token) request.headers.set('X-CSRFToken', token);
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(headers);

export type Result<T> = { ok: true; data: T } | { ok: false; problem: Problem };

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Runs one API call. `quiet401` is for calls where 401 is an expected answer (who am I?
 * wrong password?) rather than a session that ran out.
 */
export async function call<T>(
  run: () => Promise<Outcome<T>>,
  { quiet401 = false }: { quiet401?: boolean } = {},
): Promise<Result<T>> {
  let outcome: Outcome<T>;
  try {
    outcome = await run();
  } catch {
    return { ok: false, problem: networkProblem(i18n.t) };
  }
  const { response } = outcome;
  if (response.ok) return { ok: true, data: outcome.data as T };
  if (response.status === 401 && !quiet401) onUnauthorized();
  return { ok: false, problem: problemFromResponse(response.status, outcome.error, i18n.t) };
}
