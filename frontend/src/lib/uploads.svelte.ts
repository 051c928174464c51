// The worker's upload queue: each file is sent (one at a time, so a slow connection gives each
// its full bandwidth), then watched until the server has read it. Without a connection a file
// waits in the outbox (IndexedDB) and is sent when the connection returns or the app starts
// again. Plain state + injected I/O, so the whole life of an upload is unit-tested without a
// browser.
import type { Result } from '../api/client';
import { duplicateOf, type Problem } from '../api/errors';
import { isStillReading, type Receipt, type UploadedReceipt } from '../api/types';
import type { UploadResult } from '../api/upload';
import type { Outbox } from './outbox';
import { pollUntilDone } from './poll';

/**
 * `queued`: kept in the outbox until there is a connection, or, with `retryAt`, until the time
 * the server asked us to wait for (a 429: too many uploads, or the reading queue is full).
 */
export type Phase = 'queued' | 'waiting' | 'uploading' | 'reading' | 'read' | 'failed';

export interface UploadDeps {
  send: (file: File, onProgress: (fraction: number) => void) => Promise<UploadResult>;
  fetchReceipt: (id: number) => Promise<Result<Receipt>>;
  /** Told when a receipt was stored and again when its reading ended, to refresh the list. */
  onChange: () => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Where files wait without a connection; without one, a failed upload just fails. */
  outbox?: Outbox | null;
  /** Whose outbox: the username logged in, or null when nobody is. */
  owner?: () => string | null;
  online?: () => boolean;
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
  /** The receipt the server already had: an earlier try arrived though its answer was lost. */
  existing = $state<number | null>(null);
  /** Its key in the outbox while it is kept there. */
  parkedId: number | null = null;
  /** Sent before (or kept for later): a 409 duplicate then means that earlier try arrived. */
  retried = false;
  /** When it is sent again by itself after a 429 (ms since the epoch); null otherwise. */
  retryAt = $state<number | null>(null);

  constructor(readonly file: File) {
    this.name = file.name;
    this.size = file.size;
  }
}

/** Failures worth trying again: the server was not reached, or had a problem of its own. */
export function transient(problem: Problem): boolean {
  return problem.status === 0 || problem.status >= 500;
}

/** Seconds a 429 asks us to wait (its details.retry_after), a minute when it does not say. */
export function retryAfterSeconds(problem: Problem): number {
  const seconds = Number(problem.details.retry_after);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 60;
}

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

export class UploadQueue {
  items: UploadItem[] = $state([]);
  private sending = false;
  private readonly stop = new AbortController();
  /** After a 429 nothing is sent before this time (ms since the epoch): the server said so. */
  private pausedUntil = 0;

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
    item.retried = true;
    item.phase = 'waiting';
    item.problem = null;
    item.progress = 0;
    void this.drain();
  }

  /**
   * Send what waits in the outbox: on app start (files kept from an earlier visit appear in the
   * list) and when the connection returns.
   */
  resume(): Promise<void> {
    this.resuming ??= this.takeParked().finally(() => (this.resuming = null));
    return this.resuming;
  }

  private resuming: Promise<void> | null = null;

  private async takeParked(): Promise<void> {
    const { outbox } = this.deps;
    const owner = this.deps.owner?.() ?? null;
    if (!outbox || !owner) return;
    let parked: Awaited<ReturnType<Outbox['all']>> = [];
    try {
      parked = await outbox.all(owner);
    } catch {
      return; // storage unavailable: nothing was kept
    }
    for (const entry of parked) {
      if (this.items.some((item) => item.parkedId === entry.id)) continue;
      const item = new UploadItem(entry.file);
      item.parkedId = entry.id;
      item.retried = true;
      item.phase = 'queued';
      this.items.push(item);
    }
    if (!this.online()) return;
    for (const item of this.items) if (item.phase === 'queued') item.phase = 'waiting';
    void this.drain();
  }

  private online(): boolean {
    return this.deps.online?.() ?? true;
  }

  /** Keeps the file in the outbox for later; false when there is no outbox to keep it in. */
  private async park(item: UploadItem): Promise<boolean> {
    const { outbox } = this.deps;
    const owner = this.deps.owner?.() ?? null;
    if (!outbox || !owner) return false;
    if (item.parkedId === null) {
      try {
        item.parkedId = await outbox.put(owner, item.file);
      } catch {
        return false;
      }
    }
    item.retried = true;
    item.phase = 'queued';
    item.problem = null;
    item.progress = 0;
    return true;
  }

  private async unpark(item: UploadItem): Promise<void> {
    if (item.parkedId === null || !this.deps.outbox) return;
    const id = item.parkedId;
    item.parkedId = null;
    await this.deps.outbox.remove(id).catch(() => {});
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
        if (Date.now() < this.pausedUntil) {
          // Sending now would only be refused again: these wait for the same time.
          for (const other of this.items) if (other.phase === 'waiting') await this.later(other, other.problem);
          break;
        }
        await this.send(item);
      }
    } finally {
      this.sending = false;
    }
  }

  private async send(item: UploadItem): Promise<void> {
    if (!this.online() && (await this.park(item))) return;
    item.phase = 'uploading';
    const result = await this.deps.send(item.file, (fraction) => {
      item.progress = fraction;
    });
    if (!result.ok) {
      if (result.problem.status === 0 && (await this.park(item))) return;
      if (result.problem.status === 429) {
        // Nothing was stored: not sent, not failed either. It goes again when the server said.
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + retryAfterSeconds(result.problem) * 1000);
        await this.later(item, result.problem);
        void this.resumeLater();
        return;
      }
      const existing = duplicateOf(result.problem);
      if (existing !== null && item.retried) {
        // An earlier try reached the server and only its answer was lost: the file is sent.
        item.existing = existing;
        item.phase = 'read';
        await this.unpark(item);
        this.deps.onChange();
        return;
      }
      item.phase = 'failed';
      item.problem = result.problem;
      // A refusal is final; a server error may pass, so the file stays kept for a later try.
      if (!transient(result.problem)) await this.unpark(item);
      return;
    }
    await this.unpark(item);
    item.receipt = result.receipt;
    this.deps.onChange();
    if (isStillReading(result.receipt.status)) {
      item.phase = 'reading';
      void this.watch(item, result.receipt.id);
    } else {
      item.phase = 'read';
    }
  }

  /** Keep the file (in the outbox too) until `pausedUntil`, saying why when we know. */
  private async later(item: UploadItem, problem: Problem | null): Promise<void> {
    await this.park(item); // without an outbox it simply waits in the list
    item.retried = true;
    item.phase = 'queued';
    item.progress = 0;
    item.problem = problem;
    item.retryAt = this.pausedUntil;
  }

  private resumeTimer: Promise<void> | null = null;

  private resumeLater(): Promise<void> {
    this.resumeTimer ??= (async () => {
      const sleep = this.deps.sleep ?? wait;
      await sleep(Math.max(0, this.pausedUntil - Date.now()), this.stop.signal);
      this.resumeTimer = null;
      if (this.stop.signal.aborted) return;
      this.pausedUntil = 0;
      for (const item of this.items) {
        if (item.phase !== 'queued' || item.retryAt === null) continue;
        item.retryAt = null;
        item.problem = null;
        item.phase = 'waiting';
      }
      await this.drain();
    })();
    return this.resumeTimer;
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
