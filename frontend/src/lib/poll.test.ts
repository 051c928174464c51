import { describe, expect, it } from 'vitest';
import { delayFor, pollUntilDone } from './poll';

describe('delayFor', () => {
  it('starts at one second, grows by half each time and stops at ten', () => {
    expect([0, 1, 2, 3].map(delayFor)).toEqual([1000, 1500, 2250, 3375]);
    expect(delayFor(20)).toBe(10_000);
  });
});

describe('pollUntilDone', () => {
  it('reports each value and stops at the first final one', async () => {
    const answers = ['queued', 'processing', 'done', 'never asked'];
    const seen: string[] = [];
    const waits: number[] = [];
    const final = await pollUntilDone({
      fetchOnce: async () => answers.shift() ?? 'none',
      pending: (status) => status === 'queued' || status === 'processing',
      onValue: (status) => seen.push(status),
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(final).toBe('done');
    expect(seen).toEqual(['queued', 'processing', 'done']);
    expect(waits).toEqual([1000, 1500, 2250]);
  });

  it('stops without reporting when aborted', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const final = await pollUntilDone({
      fetchOnce: async () => {
        controller.abort();
        return 'done';
      },
      pending: () => true,
      onValue: (value) => seen.push(value),
      signal: controller.signal,
      sleep: async () => {},
    });
    expect(final).toBeNull();
    expect(seen).toEqual([]);
  });
});
