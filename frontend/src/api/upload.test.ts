import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import { uploadReceipt } from './upload';

/** Just enough of XMLHttpRequest to play a server's answer back. */
class FakeRequest extends EventTarget {
  upload = new EventTarget();
  status = 0;
  responseText = '';
  withCredentials = false;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  responseHeaders: Record<string, string> = {};
  body: unknown = null;

  getResponseHeader(name: string): string | null {
    return this.responseHeaders[name] ?? null;
  }

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  send(body: unknown): void {
    this.body = body;
  }
  abort(): void {
    this.dispatchEvent(new Event('abort'));
  }
  progress(loaded: number, total: number): void {
    const event = Object.assign(new Event('progress'), { lengthComputable: true, loaded, total });
    this.upload.dispatchEvent(event);
  }
  answer(status: number, body: string): void {
    this.status = status;
    this.responseText = body;
    this.dispatchEvent(new Event('load'));
  }
}

function start(language = 'es-CO') {
  const request = new FakeRequest();
  const progress: number[] = [];
  const file = new File(['fake jpeg'], 'ticket.jpg', { type: 'image/jpeg' });
  const upload = uploadReceipt(file, {
    language,
    csrfToken: 'tok',
    t: language === 'es-CO' ? es : en,
    onProgress: (fraction) => progress.push(fraction),
    makeRequest: () => request as unknown as XMLHttpRequest,
  });
  return { request, progress, upload };
}

describe('uploadReceipt', () => {
  it('posts the file as multipart with the language and CSRF headers', () => {
    const { request } = start();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/receipts');
    expect(request.headers).toMatchObject({ 'Accept-Language': 'es-CO', 'X-CSRFToken': 'tok' });
    expect((request.body as FormData).get('file')).toBeInstanceOf(File);
  });

  it('reports progress and resolves with the stored receipt', async () => {
    const { request, progress, upload } = start();
    request.progress(50, 200);
    request.progress(200, 200);
    request.answer(201, JSON.stringify({ id: 9, status: 'queued' }));
    const result = await upload.done;
    expect(progress).toEqual([0.25, 1, 1]);
    expect(result).toMatchObject({ ok: true, receipt: { id: 9, status: 'queued' } });
  });

  it('turns a refusal into a problem with the API message', async () => {
    const { request, upload } = start();
    const message = 'Este tipo de archivo no se acepta.';
    request.answer(415, JSON.stringify({ code: 'unsupported_type', message, details: {} }));
    expect(await upload.done).toMatchObject({ ok: false, problem: { status: 415, message } });
  });

  it('says the connection failed when the server never answered', async () => {
    const { request, upload } = start('en');
    request.dispatchEvent(new Event('error'));
    expect(await upload.done).toMatchObject({ ok: false, problem: { status: 0, message: en.errNetwork } });
  });

  it('explains a 5xx that came back as an HTML page', async () => {
    const { request, upload } = start();
    request.answer(504, '<html>Gateway Timeout</html>');
    expect(await upload.done).toMatchObject({ ok: false, problem: { status: 504, message: es.errServer } });
  });

  it('takes the wait of a 429 from its body, or from Retry-After when a proxy sent it', async () => {
    const own = start();
    const body = { code: 'upload_queue_full', message: 'Su organización…', details: { retry_after: 120 } };
    own.request.answer(429, JSON.stringify(body));
    expect(await own.upload.done).toMatchObject({
      ok: false,
      problem: { status: 429, message: es.errUploadQueueFull(120), details: { retry_after: 120 } },
    });

    const proxy = start();
    proxy.request.responseHeaders['Retry-After'] = '30';
    proxy.request.answer(429, '<html>Too Many Requests</html>');
    expect(await proxy.upload.done).toMatchObject({
      ok: false,
      problem: { status: 429, details: { retry_after: 30 } },
    });
  });
});
