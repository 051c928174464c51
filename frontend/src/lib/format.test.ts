import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatMonth,
  formatMoney,
  formatNumber,
  formatPercent,
} from './format';

const NBSP = '\u00a0';

describe('formatMoney', () => {
  it('writes pesos the Colombian way, without cents, with a no-break space', () => {
    expect(formatMoney('1250000.00', 'COP', 'es-CO')).toBe(`$${NBSP}1.250.000`);
    expect(formatMoney('500000.00', 'COP', 'es-CO')).toBe(`$${NBSP}500.000`);
    expect(formatMoney('1250000', 'COP', 'es-CO')).toBe(`$${NBSP}1.250.000`);
  });

  it('uses the currency code in English so pesos are not read as dollars', () => {
    expect(formatMoney('1250000.00', 'COP', 'en')).toBe(`COP${NBSP}1,250,000`);
  });

  it('keeps real cents instead of rounding them away', () => {
    expect(formatMoney('1250000.50', 'COP', 'es-CO')).toBe(`$${NBSP}1.250.000,50`);
  });

  it('does not lose precision on large amounts (no float on the way)', () => {
    expect(formatMoney('12345678901234567.00', 'COP', 'en')).toBe(`COP${NBSP}12,345,678,901,234,567`);
  });

  it('shows other currencies with their own decimals', () => {
    expect(formatMoney('19.90', 'USD', 'en')).toBe(`USD${NBSP}19.90`);
    expect(formatMoney('19.90', 'USD', 'es-CO')).toBe(`USD${NBSP}19,90`);
  });

  it('assumes pesos when the currency is missing', () => {
    expect(formatMoney('1000.00', null, 'es-CO')).toBe(`$${NBSP}1.000`);
  });

  it('returns null for missing or malformed amounts', () => {
    expect(formatMoney(null, 'COP', 'es-CO')).toBeNull();
    expect(formatMoney('1.250.000', 'COP', 'es-CO')).toBeNull();
    expect(formatMoney('', 'COP', 'en')).toBeNull();
  });
});

describe('formatDate', () => {
  it('writes day/month/year in es-CO', () => {
    expect(formatDate('2026-03-15', 'es-CO')).toBe('15/03/2026');
  });

  it('writes a short month name in English', () => {
    expect(formatDate('2026-03-15', 'en')).toBe('Mar 15, 2026');
  });

  it('never shifts the day, whatever the time zone', () => {
    expect(formatDate('2026-01-01', 'es-CO')).toBe('01/01/2026');
  });

  it('returns null for missing or malformed dates', () => {
    expect(formatDate(null, 'en')).toBeNull();
    expect(formatDate('15/03/2026', 'en')).toBeNull();
  });
});

describe('formatDateTime', () => {
  it('shows the moment in the given time zone', () => {
    const text = formatDateTime('2026-03-15T20:30:00Z', 'es-CO', 'America/Bogota');
    expect(text).toContain('15/03/26');
    expect(text).toMatch(/3:30/);
  });

  it('returns null for garbage', () => {
    expect(formatDateTime('yesterday', 'en')).toBeNull();
  });
});

describe('formatPercent and formatBytes', () => {
  it('rounds a confidence to a whole percentage', () => {
    expect(formatPercent(0.856, 'en')).toBe('86%');
    expect(formatPercent(0.856, 'es-CO')).toBe('86%');
    expect(formatPercent(null, 'en')).toBeNull();
  });

  it('writes file sizes in the locale', () => {
    expect(formatBytes(2_400_000, 'en')).toBe('2.4 MB');
    expect(formatBytes(2_400_000, 'es-CO')).toBe('2,4 MB');
    expect(formatBytes(16_500_000, 'es-CO')).toBe('16,5 MB');
    expect(formatBytes(16_500_000, 'en')).toBe('16.5 MB');
    expect(formatBytes(2_000, 'es-CO')).toBe('2 kB');
  });

  it('says bytes in words, agreeing with the number', () => {
    expect(formatBytes(21, 'es-CO')).toBe('21 bytes');
    expect(formatBytes(21, 'en')).toBe('21 bytes');
    expect(formatBytes(1, 'en')).toBe('1 byte');
  });
});

describe('formatNumber and formatCount', () => {
  it('groups thousands the reader’s way', () => {
    expect(formatNumber(1500, 'es-CO')).toBe('1.500');
    expect(formatNumber(1500, 'en')).toBe('1,500');
    expect(formatNumber(2.5, 'es-CO')).toBe('2,5');
  });

  it('picks the word that agrees with the count', () => {
    const lines = { es: { one: 'línea', other: 'líneas' }, en: { one: 'line', other: 'lines' } };
    expect(formatCount(1, lines.es, 'es-CO')).toBe('1 línea');
    expect(formatCount(2, lines.es, 'es-CO')).toBe('2 líneas');
    expect(formatCount(0, lines.es, 'es-CO')).toBe('0 líneas');
    expect(formatCount(1500, lines.es, 'es-CO')).toBe('1.500 líneas');
    expect(formatCount(1, lines.en, 'en')).toBe('1 line');
    expect(formatCount(1500, lines.en, 'en')).toBe('1,500 lines');
  });
});

describe('formatDuration', () => {
  it('agrees in number: "1 segundo", "2 segundos"', () => {
    expect(formatDuration(1, 'es-CO')).toBe('1 segundo');
    expect(formatDuration(2, 'es-CO')).toBe('2 segundos');
    expect(formatDuration(1, 'en')).toBe('1 second');
    expect(formatDuration(2, 'en')).toBe('2 seconds');
  });

  it('moves to minutes and whole hours', () => {
    expect(formatDuration(900, 'es-CO')).toBe('15 minutos');
    expect(formatDuration(61, 'en')).toBe('2 minutes');
    expect(formatDuration(3600, 'es-CO')).toBe('1 hora');
  });
});

describe('formatMonth', () => {
  it('names the month in the reader’s language', () => {
    expect(formatMonth('2026-11', 'es-CO')).toBe('noviembre de 2026');
    expect(formatMonth('2026-11', 'en')).toBe('November 2026');
  });
});
