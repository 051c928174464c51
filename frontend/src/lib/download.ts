// Files from the API (XLSX, CSV, ZIP) fetched with the session, so a refusal shows up as a
// message next to the button instead of a broken download; the file is then saved from a blob.
import { ensureCsrf } from '../api/csrf';
import { networkProblem, problemFromResponse, type Problem } from '../api/errors';
import { i18n } from '../i18n/index.svelte';

/** The file name from a Content-Disposition header (RFC 6266: filename* wins), else `fallback`. */
export function filenameFrom(disposition: string | null | undefined, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
  if (star?.[2]) {
    try {
      return clean(decodeURIComponent(star[2].trim().replace(/^"|"$/g, '')), fallback);
    } catch {
      // a badly encoded name: try the plain one
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
  const name = plain?.[2] ?? plain?.[1];
  return name ? clean(name.trim(), fallback) : fallback;
}

/** No folders in a name the server suggests. */
function clean(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop()?.trim();
  return base ? base : fallback;
}

export type DownloadResult = { ok: true; name: string; blob: Blob } | { ok: false; problem: Problem };

/** GETs `url`, or POSTs `body` as JSON to it when given (a file made on request). */
export async function download(url: string, fallback: string, body?: unknown): Promise<DownloadResult> {
  let response: Response;
  try {
    const headers: Record<string, string> = { 'Accept-Language': i18n.language };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      const token = await ensureCsrf();
      if (token) headers['X-CSRFToken'] = token;
    }
    response = await fetch(url, {
      credentials: 'same-origin',
      headers,
      ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, problem: networkProblem(i18n.t) };
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    return { ok: false, problem: problemFromResponse(response.status, body, i18n.t) };
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    return { ok: false, problem: networkProblem(i18n.t) };
  }
  const name = filenameFrom(response.headers.get('Content-Disposition'), fallback);
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return { ok: true, name, blob };
}
