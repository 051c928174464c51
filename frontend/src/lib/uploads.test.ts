import { describe, expect, it } from 'vitest';
import type { Result } from '../api/client';
import { networkProblem, problemFromResponse } from '../api/errors';
import type { Receipt, UploadedReceipt } from '../api/types';
import type { UploadResult } from '../api/upload';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import { memoryOutbox } from './outbox';
import { UploadQueue } from './uploads.svelte';

function receipt(id: number, status: Receipt['status'], total: string | null = null): Receipt {
  return { id, status, total, currency: 'COP' } as Receipt; // only what the queue looks at
}

function file(name: string): File {
  return new File(['x'], name, { type: 'image/jpeg' });
}

/** Lets the queue's pending promises run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('UploadQueue', () => {
  it('uploads, then follows the reading until it is done', async () => {
    const readings: Result<Receipt>[] = [
      { ok: true, data: receipt(1, 'processing') },
      { ok: false, problem: networkProblem(en) }, // a blip on a slow connection: keep going
      { ok: true, data: receipt(1, 'done', '500000.00') },
    ];
    let changes = 0;
    const queue = new UploadQueue({
      send: async (_file, onProgress) => {
        onProgress(0.5);
        return { ok: true, receipt: receipt(1, 'queued') as UploadedReceipt };
      },
      fetchReceipt: async () => readings.shift()!,
      onChange: () => (changes += 1),
      sleep: async () => {},
    });
    queue.add([file('a.jpg')]);
    for (let i = 0; i < 10; i += 1) await settle();
    const [item] = queue.items;
    expect(item?.phase).toBe('read');
    expect(item?.progress).toBe(0.5);
    expect(item?.receipt?.total).toBe('500000.00');
    expect(item?.problem).toBeNull();
    expect(changes).toBe(2); // stored, then read
  });

  it('sends files one after another and keeps each refusal with its own file', async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const queue = new UploadQueue({
      send: async (f): Promise<UploadResult> => {
        order.push(`start ${f.name}`);
        if (f.name === 'a.jpg') await new Promise<void>((resolve) => (release = resolve));
        order.push(`end ${f.name}`);
        if (f.name === 'dup.jpg') {
          const body = { code: 'duplicate_receipt', message: 'Ya lo subió', details: { receipt_id: 3 } };
          return { ok: false, problem: problemFromResponse(409, body, en) };
        }
        return { ok: true, receipt: receipt(2, 'done') as UploadedReceipt };
      },
      fetchReceipt: async () => ({ ok: true, data: receipt(2, 'done') }),
      onChange: () => {},
      sleep: async () => {},
    });
    queue.add([file('a.jpg'), file('dup.jpg')]);
    await settle();
    expect(order).toEqual(['start a.jpg']);
    expect(queue.items.map((item) => item.phase)).toEqual(['uploading', 'waiting']);
    release();
    for (let i = 0; i < 5; i += 1) await settle();
    expect(order).toEqual(['start a.jpg', 'end a.jpg', 'start dup.jpg', 'end dup.jpg']);
    const [first, second] = queue.items;
    expect(first?.phase).toBe('read');
    expect(second?.phase).toBe('failed');
    expect(second?.problem?.message).toBe('Ya lo subió');
    queue.dismiss(second!);
    expect(queue.items).toHaveLength(1);
  });

  it('stops following readings when closed', async () => {
    let fetches = 0;
    const queue = new UploadQueue({
      send: async () => ({ ok: true, receipt: receipt(5, 'queued') as UploadedReceipt }),
      fetchReceipt: async () => {
        fetches += 1;
        return { ok: true, data: receipt(5, 'processing') };
      },
      onChange: () => {},
      sleep: () => new Promise((resolve) => setTimeout(resolve, 1)),
    });
    queue.add([file('slow.jpg')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    queue.close();
    const seen = fetches;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toBeGreaterThan(0);
    expect(fetches).toBe(seen);
    expect(queue.items[0]?.phase).toBe('reading');
  });
});

describe('UploadQueue.retry', () => {
  it('sends again a file that failed on the way, but not one the server refused', async () => {
    const answers: UploadResult[] = [
      { ok: false, problem: networkProblem(en) },
      { ok: true, receipt: receipt(8, 'done') as UploadedReceipt },
    ];
    const queue = new UploadQueue({
      send: async () => answers.shift()!,
      fetchReceipt: async () => ({ ok: true, data: receipt(8, 'done') }),
      onChange: () => {},
      sleep: async () => {},
    });
    queue.add([file('a.jpg')]);
    for (let i = 0; i < 5; i += 1) await settle();
    const [item] = queue.items;
    expect(item?.phase).toBe('failed');
    queue.retry(item!);
    for (let i = 0; i < 5; i += 1) await settle();
    expect(item?.phase).toBe('read');
    expect(item?.problem).toBeNull();
    queue.retry(item!); // already read: nothing happens
    expect(item?.phase).toBe('read');
  });
});

describe('UploadQueue offline', () => {
  const duplicate = (id: number): UploadResult => ({
    ok: false,
    problem: problemFromResponse(409, { code: 'duplicate_receipt', message: 'Ya', details: { receipt_id: id } }, en),
  });

  it('keeps a file chosen without a connection, and sends it when the connection returns', async () => {
    const outbox = memoryOutbox();
    let online = false;
    const sent: string[] = [];
    const queue = new UploadQueue({
      send: async (f) => {
        sent.push(f.name);
        return { ok: true, receipt: receipt(4, 'done') as UploadedReceipt };
      },
      fetchReceipt: async () => ({ ok: true, data: receipt(4, 'done') }),
      onChange: () => {},
      sleep: async () => {},
      outbox,
      owner: () => 'ana',
      online: () => online,
    });
    queue.add([file('sin-red.jpg')]);
    for (let i = 0; i < 5; i += 1) await settle();
    expect(queue.items[0]?.phase).toBe('queued');
    expect(outbox.parked.map((entry) => entry.file.name)).toEqual(['sin-red.jpg']);
    expect(sent).toEqual([]);

    online = true;
    await queue.resume();
    for (let i = 0; i < 5; i += 1) await settle();
    expect(sent).toEqual(['sin-red.jpg']);
    expect(queue.items).toHaveLength(1); // the same row, not a second one from the outbox
    expect(queue.items[0]?.phase).toBe('read');
    expect(outbox.parked).toEqual([]);
  });

  it('counts a 409 duplicate on a retry as sent: the first try arrived, its answer was lost', async () => {
    const outbox = memoryOutbox();
    const answers: UploadResult[] = [{ ok: false, problem: networkProblem(en) }, duplicate(9)];
    let changes = 0;
    const queue = new UploadQueue({
      send: async () => answers.shift()!,
      fetchReceipt: async () => ({ ok: true, data: receipt(9, 'done') }),
      onChange: () => (changes += 1),
      sleep: async () => {},
      outbox,
      owner: () => 'ana',
      online: () => true,
    });
    queue.add([file('a.jpg')]);
    for (let i = 0; i < 5; i += 1) await settle();
    expect(queue.items[0]?.phase).toBe('queued');
    await queue.resume();
    for (let i = 0; i < 5; i += 1) await settle();
    const [item] = queue.items;
    expect(item?.phase).toBe('read');
    expect(item?.existing).toBe(9);
    expect(item?.problem).toBeNull();
    expect(outbox.parked).toEqual([]);
    expect(changes).toBe(1);
  });

  it('sends on app start what the same person left in the outbox, never someone else’s', async () => {
    const outbox = memoryOutbox();
    await outbox.put('ana', file('de-ayer.jpg'));
    await outbox.put('luis', file('de-luis.jpg'));
    const sent: string[] = [];
    const queue = new UploadQueue({
      send: async (f) => {
        sent.push(f.name);
        return { ok: true, receipt: receipt(6, 'done') as UploadedReceipt };
      },
      fetchReceipt: async () => ({ ok: true, data: receipt(6, 'done') }),
      onChange: () => {},
      sleep: async () => {},
      outbox,
      owner: () => 'ana',
      online: () => true,
    });
    await Promise.all([queue.resume(), queue.resume()]); // app start and an `online` event at once
    for (let i = 0; i < 5; i += 1) await settle();
    expect(sent).toEqual(['de-ayer.jpg']);
    expect(outbox.parked.map((entry) => entry.owner)).toEqual(['luis']);
  });

  it('treats a 429 as "try later": kept, not sent nor failed, and sent again when the server said', async () => {
    const outbox = memoryOutbox();
    const sent: string[] = [];
    let refuse = true;
    const waits: number[] = [];
    let wake: () => void = () => {};
    const queue = new UploadQueue({
      send: async (f): Promise<UploadResult> => {
        sent.push(f.name);
        if (refuse) {
          const body = {
            code: 'upload_rate_limited',
            message: 'Usted envió 60 recibos en la última hora',
            details: { limit: 60, retry_after: 1800 },
          };
          return { ok: false, problem: problemFromResponse(429, body, es) };
        }
        return { ok: true, receipt: receipt(7, 'done') as UploadedReceipt };
      },
      fetchReceipt: async () => ({ ok: true, data: receipt(7, 'done') }),
      onChange: () => {},
      sleep: (ms) => {
        waits.push(ms);
        return new Promise<void>((resolve) => (wake = resolve));
      },
      outbox,
      owner: () => 'ana',
    });
    queue.add([file('a.jpg'), file('b.jpg')]);
    for (let i = 0; i < 5; i += 1) await settle();
    // Only the first was tried: the second would only be refused too.
    expect(sent).toEqual(['a.jpg']);
    expect(queue.items.map((item) => item.phase)).toEqual(['queued', 'queued']);
    const [first] = queue.items;
    expect(first?.problem?.code).toBe('upload_rate_limited');
    expect(first?.problem?.message).toBe(es.errUploadRate(60, 1800));
    expect(first?.problem?.message).toContain('30 min');
    expect(first?.retryAt).toBeGreaterThan(Date.now() + 1_790_000);
    expect(waits[0]).toBeGreaterThan(1_790_000);
    expect(outbox.parked.map((entry) => entry.file.name)).toEqual(['a.jpg', 'b.jpg']); // not dropped

    refuse = false;
    wake();
    for (let i = 0; i < 10; i += 1) await settle();
    expect(sent).toEqual(['a.jpg', 'a.jpg', 'b.jpg']);
    expect(queue.items.map((item) => item.phase)).toEqual(['read', 'read']);
    expect(queue.items.every((item) => item.retryAt === null && item.problem === null)).toBe(true);
    expect(outbox.parked).toEqual([]);
  });
});
