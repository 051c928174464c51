// The receipt upload goes through XMLHttpRequest, not openapi-fetch: only XHR reports upload
// progress. It is typed by hand against the generated schema (UploadedReceipt).
import type { Messages } from '../i18n/en';
import { networkProblem, problemFromResponse, type Problem } from './errors';
import type { UploadedReceipt } from './types';

export type UploadResult = { ok: true; receipt: UploadedReceipt } | { ok: false; problem: Problem };

export interface UploadOptions {
  language: string;
  csrfToken: string | null;
  t: Messages;
  /** 0..1, as the bytes leave the device. */
  onProgress: (fraction: number) => void;
  /** For tests: a stand-in XMLHttpRequest. */
  makeRequest?: () => XMLHttpRequest;
}

export interface Upload {
  done: Promise<UploadResult>;
  abort: () => void;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function uploadReceipt(file: File, options: UploadOptions): Upload {
  const xhr = options.makeRequest?.() ?? new XMLHttpRequest();
  const done = new Promise<UploadResult>((resolve) => {
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      const body = parse(xhr.responseText);
      if (xhr.status === 201 && body !== null) {
        options.onProgress(1);
        resolve({ ok: true, receipt: body as UploadedReceipt });
      } else {
        const problem = problemFromResponse(xhr.status, body, options.t);
        // A 429 says when to try again; a proxy's may say it only in the Retry-After header.
        if (xhr.status === 429 && problem.details.retry_after === undefined) {
          const header = Number(xhr.getResponseHeader('Retry-After'));
          if (header > 0) problem.details = { ...problem.details, retry_after: header };
        }
        resolve({ ok: false, problem });
      }
    });
    // Offline, connection reset, or aborted: the server never answered.
    xhr.addEventListener('error', () => resolve({ ok: false, problem: networkProblem(options.t) }));
    xhr.addEventListener('abort', () => resolve({ ok: false, problem: networkProblem(options.t) }));
  });
  const form = new FormData();
  form.append('file', file, file.name);
  xhr.open('POST', '/api/receipts');
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.setRequestHeader('Accept-Language', options.language);
  if (options.csrfToken) xhr.setRequestHeader('X-CSRFToken', options.csrfToken);
  xhr.withCredentials = true;
  xhr.send(form);
  return { done, abort: () => xhr.abort() };
}
