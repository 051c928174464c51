// The one upload queue of the app. It outlives the receipts page, so a file waiting for a
// connection is sent when the connection returns (the `online` event) or the app starts again,
// whichever page is open.
import { api, call } from '../api/client';
import { ensureCsrf } from '../api/csrf';
import { uploadReceipt } from '../api/upload';
import { i18n } from '../i18n/index.svelte';
import { browserOutbox } from './outbox';
import { session } from './session.svelte';
import { UploadQueue } from './uploads.svelte';

class ReceiptUploads {
  /** Counts stored receipts and finished readings: the receipts list reloads when it moves. */
  changes = $state(0);

  readonly queue = new UploadQueue({
    async send(file, onProgress) {
      const result = await uploadReceipt(file, {
        language: i18n.language,
        csrfToken: await ensureCsrf(),
        t: i18n.t,
        onProgress,
      }).done;
      if (!result.ok && result.problem.status === 401) session.expired();
      return result;
    },
    fetchReceipt: (id) => call(() => api.GET('/api/receipts/{receipt_id}', { params: { path: { receipt_id: id } } })),
    onChange: () => (this.changes += 1),
    outbox: browserOutbox(),
    // Only a worker uploads receipts; the outbox is theirs alone.
    owner: () => (session.role === 'worker' && session.user ? session.user.username : null),
    online: () => navigator.onLine,
  });

  /** From the app's start: send what waits now, and again each time the connection returns. */
  start(): () => void {
    const resume = () => void this.queue.resume();
    window.addEventListener('online', resume);
    return () => window.removeEventListener('online', resume);
  }
}

export const receiptUploads = new ReceiptUploads();
