import { describe, expect, it } from 'vitest';
import type { Result } from '../api/client';
import { networkProblem } from '../api/errors';
import { en } from '../i18n/en';
import { Loader } from './loader.svelte';

function later<T>(): { promise: Promise<Result<T>>; answer: (result: Result<T>) => void } {
  let answer: (result: Result<T>) => void = () => {};
  const promise = new Promise<Result<T>>((resolve) => (answer = resolve));
  return { promise, answer };
}

describe('Loader', () => {
  it('keeps the last answer, and the list shown when a later request fails', async () => {
    const loader = new Loader<string[]>();
    await loader.load(async () => ({ ok: true, data: ['a'] }));
    expect(loader.data).toEqual(['a']);
    expect(loader.loading).toBe(false);
    await loader.load(async () => ({ ok: false, problem: networkProblem(en) }));
    expect(loader.data).toEqual(['a']);
    expect(loader.problem?.code).toBe('network');
    await loader.load(async () => ({ ok: true, data: ['b'] }));
    expect(loader.problem).toBeNull();
  });

  it('drops an answer that arrives after a newer request', async () => {
    const loader = new Loader<string>();
    const first = later<string>();
    const second = later<string>();
    const one = loader.load(() => first.promise);
    const two = loader.load(() => second.promise);
    second.answer({ ok: true, data: 'new' });
    await two;
    first.answer({ ok: true, data: 'old' });
    await one;
    expect(loader.data).toBe('new');
    expect(loader.loading).toBe(false);
  });

  it('takes a poll’s answer over a request still on its way', async () => {
    const loader = new Loader<string>();
    const slow = later<string>();
    const asked = loader.load(() => slow.promise);
    loader.take({ ok: true, data: 'polled' });
    slow.answer({ ok: true, data: 'older' });
    await asked;
    expect(loader.data).toBe('polled');
    expect(loader.loading).toBe(false);
    loader.reset();
    expect(loader.data).toBeNull();
  });

  it('asks again what it asked last', async () => {
    const loader = new Loader<number>();
    let calls = 0;
    await loader.reload(); // nothing asked yet: nothing happens
    await loader.load(async () => ({ ok: true, data: ++calls }));
    await loader.reload();
    expect(loader.data).toBe(2);
  });
});
