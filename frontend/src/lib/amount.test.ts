import { describe, expect, it } from 'vitest';
import { amountForInput, compareAmounts, normalize, parseAmount, sameAmount } from './amount';

describe('parseAmount', () => {
  it('reads Colombian amounts with dots for thousands and a comma for cents', () => {
    expect(parseAmount('1.250.000', 'es-CO')).toBe('1250000');
    expect(parseAmount('$ 500.000', 'es-CO')).toBe('500000');
    expect(parseAmount('1.250.000,50', 'es-CO')).toBe('1250000.5');
    expect(parseAmount('500000', 'es-CO')).toBe('500000');
    expect(parseAmount('19,90', 'es-CO')).toBe('19.9');
  });

  it('accepts a machine-written decimal point in Spanish too', () => {
    expect(parseAmount('500000.50', 'es-CO')).toBe('500000.5');
  });

  it('reads English amounts with commas for thousands', () => {
    expect(parseAmount('1,250,000', 'en')).toBe('1250000');
    expect(parseAmount('COP 1,250,000.75', 'en')).toBe('1250000.75');
    expect(parseAmount('19.9', 'en')).toBe('19.9');
  });

  it('refuses what is not an amount instead of guessing', () => {
    for (const text of ['', 'abc', '1.25.000', '-5', '1,2,3', '12.345,678']) {
      expect(parseAmount(text, 'es-CO'), text).toBeNull();
    }
    expect(parseAmount('1.250.000', 'en')).toBeNull();
  });
});

describe('amounts as strings', () => {
  it('normalizes and compares exactly', () => {
    expect(normalize('0500.50')).toBe('500.5');
    expect(sameAmount('500000.00', '500000')).toBe(true);
    expect(sameAmount('500000.01', '500000')).toBe(false);
    expect(sameAmount(null, '1')).toBe(false);
    expect(compareAmounts('99.99', '100')).toBe(-1);
    expect(compareAmounts('600000.00', '600000')).toBe(0);
    expect(compareAmounts('12345678901234567.01', '12345678901234567')).toBe(1);
  });

  it('writes an amount back for a form field in the reader’s way', () => {
    expect(amountForInput('1250000.00', 'es-CO')).toBe('1.250.000');
    expect(amountForInput('1250000.5', 'es-CO')).toBe('1.250.000,50');
    expect(amountForInput('1250000.50', 'en')).toBe('1,250,000.50');
    expect(amountForInput(null, 'en')).toBe('');
  });
});

describe('parseAmount for rates', () => {
  it('allows more decimals when asked', () => {
    expect(parseAmount('4.150,253456', 'es-CO', 6)).toBe('4150.253456');
    expect(parseAmount('4150.25', 'en', 6)).toBe('4150.25');
    expect(parseAmount('4.150,253', 'es-CO')).toBeNull();
  });
});
