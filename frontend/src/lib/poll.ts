// Waits for a receipt to be read: polls with a growing delay so a slow phone connection and a
// busy server are not flooded while Tesseract works.

export interface PollOptions<T> {
  fetchOnce: () => Promise<T>;
  /** True while the value is not final (queued or processing). */
  pending: (value: T) => boolean;
  onValue: (value: T) => void;
  signal?: AbortSignal;
  /** For tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 10_000;
const FACTOR = 1.5;

/** 1 s, 1.5 s, 2.25 s, … capped at 10 s. */
export function delayFor(attempt: number): number {
  return Math.min(MAX_DELAY_MS, Math.round(FIRST_DELAY_MS * FACTOR ** attempt));
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Fetches until the value is final, reporting each one. A fetch that throws ends the polling
 * with that error (the caller shows it, with a way to retry). Returns the final value, or null
 * when aborted.
 */
export async function pollUntilDone<T>(options: PollOptions<T>): Promise<T | null> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt += 1) {
    await sleep(delayFor(attempt), options.signal);
    if (options.signal?.aborted) return null;
    const value = await options.fetchOnce();
    if (options.signal?.aborted) return null;
    options.onValue(value);
    if (!options.pending(value)) return value;
  }
}
