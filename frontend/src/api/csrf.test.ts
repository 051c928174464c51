import { describe, expect, it } from 'vitest';
import { csrfCookie } from './csrf';

describe('csrfCookie', () => {
  it('finds the token among other cookies', () => {
    expect(csrfCookie('a=1; csrftoken=abc%3D; b=2')).toBe('abc=');
    expect(csrfCookie('csrftoken=xyz')).toBe('xyz');
  });

  it('returns null when there is none', () => {
    expect(csrfCookie('')).toBeNull();
    expect(csrfCookie('xcsrftoken=nope')).toBeNull();
  });
});
