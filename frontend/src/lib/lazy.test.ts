import { describe, expect, it } from 'vitest';
import { lazy } from './lazy';

describe('lazy', () => {
  it('fetches the code once, on first use, and keeps the component', async () => {
    let fetches = 0;
    const page = lazy(async () => {
      fetches += 1;
      return { default: 'people' };
    });
    expect(fetches).toBe(0);
    expect(page.loaded).toBeNull();
    const [first, second] = await Promise.all([page.load(), page.load()]);
    expect([first, second, page.loaded]).toEqual(['people', 'people', 'people']);
    await page.load();
    expect(fetches).toBe(1);
  });

  it('forgets a failed fetch so that trying again fetches anew', async () => {
    let fetches = 0;
    const page = lazy(async () => {
      fetches += 1;
      if (fetches === 1) throw new TypeError('offline');
      return { default: 'people' };
    });
    await expect(page.load()).rejects.toThrow('offline');
    expect(page.loaded).toBeNull();
    await expect(page.load()).resolves.toBe('people');
    expect(page.loaded).toBe('people');
  });
});
