import { describe, expect, it } from 'vitest';
import { codeFromUrl, csvRowCount, passwordProblem } from './activation';

describe('codeFromUrl', () => {
  it('reads the code from the fragment first, then from the query', () => {
    expect(codeFromUrl('#code=AB12-CD34', '')).toBe('AB12-CD34');
    expect(codeFromUrl('#code=frag', '?code=query')).toBe('frag');
    expect(codeFromUrl('', '?code=query')).toBe('query');
    expect(codeFromUrl('', '')).toBe('');
  });
});

describe('passwordProblem', () => {
  it('asks for a password typed the same twice', () => {
    expect(passwordProblem('', '')).toBe('required');
    expect(passwordProblem('a long one', 'a long on')).toBe('mismatch');
    expect(passwordProblem('a long one', 'a long one')).toBeNull();
  });
});

describe('csvRowCount', () => {
  it('counts the rows under the heading', () => {
    expect(csvRowCount('\ufeffemployee_id;full_name\r\n')).toBe(0);
    expect(csvRowCount('a;b\r\n1;x\r\n2;y\r\n')).toBe(2);
    expect(csvRowCount('a;b\r\n1;"two\r\nlines"\r\n2;y')).toBe(2);
    expect(csvRowCount('')).toBe(0);
  });
});
