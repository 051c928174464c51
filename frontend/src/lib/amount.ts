// Amounts typed by people ("1.250.000", "1,250,000.50", "$ 500.000") to the API's decimal
// strings, and back. Pure string work: no float ever touches money.
import type { Language } from '../i18n/language';

function patterns(language: Language, digits: number) {
  const [group, mark] = language === 'es-CO' ? ['\\.', ','] : [',', '\\.'];
  const cents = `(${mark}\\d{1,${digits}})?`;
  return {
    grouped: new RegExp(`^\\d{1,3}(${group}\\d{3})+${cents}$`),
    plain: new RegExp(`^\\d+${cents}$`),
    // "500000.50" as a machine writes it is accepted in Spanish too: a dot followed by fewer
    // than three digits cannot be a thousands separator.
    machine: new RegExp(`^\\d+\\.\\d{1,${Math.min(digits, 2)}}$`),
  };
}

/**
 * The typed amount as a decimal string ("1250000.5"), or null when it is not an amount.
 * `digits` is how many decimals are allowed (2 for money, 6 for an exchange rate).
 */
export function parseAmount(text: string, language: Language, digits = 2): string | null {
  const cleaned = text.replace(/[\s\u00a0$]|COP/gi, '');
  if (!cleaned) return null;
  const [group, decimal] = language === 'es-CO' ? ['.', ','] : [',', '.'];
  const { grouped, plain, machine } = patterns(language, digits);
  let value: string;
  if (grouped.test(cleaned) || plain.test(cleaned)) {
    value = cleaned.split(group).join('').replace(decimal, '.');
  } else if (machine.test(cleaned)) {
    value = cleaned;
  } else {
    return null;
  }
  return normalize(value);
}

/** "0500.50" -> "500.5", "500.00" -> "500": one spelling per value, so strings compare. */
export function normalize(decimal: string): string {
  const [whole = '0', fraction = ''] = decimal.split('.');
  const integer = whole.replace(/^0+(?=\d)/, '');
  const cents = fraction.replace(/0+$/, '');
  return cents ? `${integer}.${cents}` : integer;
}

export function sameAmount(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return a == b;
  return normalize(a) === normalize(b);
}

/** -1, 0 or 1, comparing two non-negative decimal strings exactly. */
export function compareAmounts(a: string, b: string): number {
  const [aWhole = '0', aFraction = ''] = normalize(a).split('.');
  const [bWhole = '0', bFraction = ''] = normalize(b).split('.');
  if (aWhole.length !== bWhole.length) return aWhole.length < bWhole.length ? -1 : 1;
  const width = Math.max(aFraction.length, bFraction.length);
  const left = aWhole + aFraction.padEnd(width, '0');
  const right = bWhole + bFraction.padEnd(width, '0');
  return left === right ? 0 : left < right ? -1 : 1;
}

/** A decimal string as a person would type it back ("1.250.000" in es-CO), for a form field. */
export function amountForInput(decimal: string | null | undefined, language: Language): string {
  if (decimal == null || !/^\d+(\.\d+)?$/.test(decimal)) return '';
  const [whole = '0', fraction = ''] = normalize(decimal).split('.');
  const [group, mark] = language === 'es-CO' ? ['.', ','] : [',', '.'];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return fraction ? `${grouped}${mark}${fraction.padEnd(2, '0')}` : grouped;
}
