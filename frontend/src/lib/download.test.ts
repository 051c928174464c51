import { describe, expect, it, vi } from 'vitest';

vi.mock('../i18n/index.svelte', () => ({ i18n: { language: 'en', t: {} } }));
const { filenameFrom } = await import('./download');

describe('filenameFrom', () => {
  it('reads the plain and the encoded name, the encoded one first', () => {
    expect(filenameFrom('attachment; filename="nomina-2026-11.xlsx"', 'x')).toBe('nomina-2026-11.xlsx');
    expect(filenameFrom('attachment; filename="a.zip"; filename*=utf-8\'\'n%C3%B3mina.zip', 'x')).toBe('nómina.zip');
    expect(filenameFrom('attachment; filename=plain.csv', 'x')).toBe('plain.csv');
  });

  it('falls back, and never keeps folders', () => {
    expect(filenameFrom(null, 'pack.zip')).toBe('pack.zip');
    expect(filenameFrom('attachment', 'pack.zip')).toBe('pack.zip');
    expect(filenameFrom('attachment; filename="../../etc/x.csv"', 'f')).toBe('x.csv');
  });
});
