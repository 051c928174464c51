// Every number, amount, size, count, duration and date a person reads goes through here, in the
// reader's locale, through Intl: one place decides "16,5 MB" (es-CO) against "16.5 MB" (en) and
// "1 segundo" against "2 segundos". The output is Intl's own, including the no-break space
// (U+00A0) it puts between the currency sign and the number: "$ 1.250.000" in es-CO.
import type { Language } from '../i18n/language';

const DECIMAL = /^-?\d+(\.\d+)?$/;

type Decimal = `${number}`;

function isDecimal(value: string): value is Decimal {
  return DECIMAL.test(value);
}

/** Colombian pesos are written without cents; show them only when there really are some. */
function fractionDigits(amount: string, currency: string): number | undefined {
  if (currency !== 'COP') return undefined; // the currency's own default (2 for USD, EUR…)
  return /\.0*$/.test(amount) || !amount.includes('.') ? 0 : 2;
}

/**
 * Formats a decimal string from the API ("1250000.00") as money. The string is handed to Intl
 * as is, so no float rounding happens on the way. Returns null for a missing amount.
 */
export function formatMoney(
  amount: string | null | undefined,
  currency: string | null | undefined,
  language: Language,
): string | null {
  if (amount == null || !isDecimal(amount)) return null;
  const code = (currency || 'COP').toUpperCase();
  const digits = fractionDigits(amount, code);
  const format = new Intl.NumberFormat(language, {
    style: 'currency',
    currency: code,
    // es-CO readers know "$" means pesos; in English "$" would read as dollars, so use the code.
    currencyDisplay: language === 'es-CO' && code === 'COP' ? 'symbol' : 'code',
    ...(digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  });
  return format.format(amount);
}

/** A calendar date from the API ("2026-03-15"): no time zone, so it never shifts a day. */
export function formatDate(value: string | null | undefined, language: Language): string | null {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const options: Intl.DateTimeFormatOptions =
    language === 'es-CO' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { dateStyle: 'medium' };
  return new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).format(date);
}

/** A moment from the API (ISO 8601 with offset), shown as a date and time where the reader is. */
export function formatDateTime(value: string | null | undefined, language: Language, timeZone?: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(language, {
    dateStyle: language === 'es-CO' ? 'short' : 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** A 0..1 confidence as a whole percentage ("86%"). */
export function formatPercent(value: number | null | undefined, language: Language): string | null {
  if (value == null || Number.isNaN(value)) return null;
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** A whole or decimal number for reading: "1.500" / "1,500", "2,5" / "2.5". */
export function formatNumber(value: number, language: Language, maxDigits = 2): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: maxDigits }).format(value);
}

/** The words for one and for many, as a language's plural rules need them. */
export type PluralWords = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A count with the word that agrees with it: "1 línea", "1.500 líneas", "1 line", "2 lines". */
export function formatCount(count: number, words: PluralWords, language: Language): string {
  const rule = new Intl.PluralRules(language).select(count);
  return `${formatNumber(count, language)} ${words[rule] ?? words.other}`;
}

/** File sizes: "21 bytes", "2,4 MB" / "2.4 MB" (decimal units, as phones and browsers show them). */
export function formatBytes(bytes: number, language: Language): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    // "21 byte" reads wrong in both languages; "kB" and "MB" are what everyone writes.
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** A wait, in the largest whole unit that fits: "1 segundo", "2 segundos", "15 minutos", "1 hour". */
export function formatDuration(seconds: number, language: Language): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const [value, unit] =
    whole >= 3600 && whole % 3600 === 0
      ? [whole / 3600, 'hour']
      : whole >= 60
        ? [Math.ceil(whole / 60), 'minute']
        : [whole, 'second'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/**
 * A moment in the audit trail, to the minute: "28/11/2026 10:42" in es-CO (24-hour clock, the
 * way Colombian forms write it), "Nov 28, 2026, 10:42 AM" in English.
 */
export function formatTimestamp(
  value: string | null | undefined,
  language: Language,
  timeZone?: string,
): string | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const zone = timeZone ? { timeZone } : {};
  if (language !== 'es-CO') {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', ...zone }).format(date);
  }
  const day = new Intl.DateTimeFormat(language, { day: '2-digit', month: '2-digit', year: 'numeric', ...zone });
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...zone });
  return `${day.format(date)} ${time.format(date)}`;
}

/** A plain decimal from the API ("4150.250000") in the reader's way ("4.150,25"), exactly. */
export function formatDecimal(value: string | null | undefined, language: Language, maxDigits = 6): string | null {
  if (value == null || !isDecimal(value)) return null;
  return new Intl.NumberFormat(language, { maximumFractionDigits: maxDigits }).format(value);
}

/** "2026-11" as "noviembre de 2026" / "November 2026". */
export function formatMonth(value: string | null | undefined, language: Language): string | null {
  const match = value ? /^(\d{4})-(\d{2})/.exec(value) : null;
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
