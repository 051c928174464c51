import { en, type Messages } from './en';
import { es } from './es';

export const LANGUAGES = ['es-CO', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const dictionaries: Record<Language, Messages> = { 'es-CO': es, en };

/** Names shown in the switcher, each in its own language so anyone can find theirs. */
export const languageNames: Record<Language, string> = { 'es-CO': 'Español', en: 'English' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The remembered choice wins; otherwise Spanish when the browser's first Spanish-or-English
 * preference is Spanish, else English.
 */
export function pickLanguage(saved: string | null, preferred: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'es') return 'es-CO';
    if (base === 'en') return 'en';
  }
  return 'en';
}
