// The worker's upload queue: each file is sent (one at a time, so a slow connection gives each
// its full bandwidth), then watched until the server has read it. Plain state + injected I/O, so
// the whole life of an upload is unit-tested without a browser.
import type { Result } from '../api/client';
import type { Problem } from '../api/errors';
import { isStillReading, type Receipt, type UploadedReceipt } from '../api/types';
import type { UploadResult } from '../api/upload';
import { pollUntilDone } from './poll';

export type Phase = 'waiting' | 'uploading' | 'reading' | 'read' | 'failed';

export interface UploadDeps {
  send: (file: File, onProgress: (fraction: number) => void) => Promise<UploadResult>;
  fetchReceipt: (id: number) => Promise<Result<Receipt>>;
  /** Told when a receipt was stored and again when its reading ended, to refresh the list. */
  onChange: () => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

let nextKey = 1;

export class UploadItem {
  readonly key = nextKey++;
  readonly name: string;
  readonly size: number;
  phase = $state<Phase>('waiting');
  /** 0..1 while uploading. */
  progress = $state(0);
  receipt = $state<UploadedReceipt | Receipt | null>(null);
  /** Why the upload was refused, or why we cannot tell how the reading went. */
  problem = $state<Problem | null>(null);

  constructor(readonly file: File) {
    this.name = file.name;
    this.size = file.size;
  }
}

/** Failures worth trying again: the server was not reached, or had a problem of its own. */
export function transient(problem: Problem): boolean {
  return problem.status === 0 || problem.status >= 500;
}

export class UploadQueue {
  items: UploadItem[] = $state([]);
  private sending = false;
  private readonly stop = new AbortController();

  constructor(private readonly deps: UploadDeps) {}

  add(files: Iterable<File>): void {
    for (const file of files) this.items.push(new UploadItem(file));
    void this.drain();
  }

  dismiss(item: UploadItem): void {
    this.items = this.items.filter((other) => other.key !== item.key);
  }

  /** Send again a file whose upload failed on the way (offline, server error). */
  retry(item: UploadItem): void {
    if (item.phase !== 'failed' || item.receipt !== null) return;
    item.phase = 'waiting';
    item.problem = null;
    item.progress = 0;
    void this.drain();
  }

  /** Stop watching readings (the page was left); stored receipts are not affected. */
  close(): void {
    this.stop.abort();
  }

  private async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      let item: UploadItem | undefined;
      while ((item = this.items.find((candidate) => candidate.phase === 'waiting'))) {
        await this.send(item);
      }
    } finally {
      this.sending = false;
    }
  }

  private async send(item: UploadItem): Promise<void> {
    item.phase = 'uploading';
    const result = await this.deps.send(item.file, (fraction) => {
      item.progress = fraction;
    });
    if (!result.ok) {
      item.phase = 'failed';
      item.problem = result.problem;
      return;
    }
    item.receipt = result.receipt;
    this.deps.onChange();
    if (isStillReading(result.receipt.status)) {
      item.phase = 'reading';
      void this.watch(item, result.receipt.id);
    } else {
      item.phase = 'read';
    }
  }

  private async watch(item: UploadItem, id: number): Promise<void> {
    const final = await pollUntilDone<Result<Receipt>>({
      fetchOnce: () => this.deps.fetchReceipt(id),
      pending: (result) => (result.ok ? isStillReading(result.data.status) : transient(result.problem)),
      onValue: (result) => {
        if (result.ok) {
          item.receipt = result.data;
          item.problem = null;
        } else {
          item.problem = result.problem; // shown while we keep trying
        }
      },
      signal: this.stop.signal,
      ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
    });
    if (final === null) return;
    item.phase = final.ok ? 'read' : 'failed';
    this.deps.onChange();
  }
}
