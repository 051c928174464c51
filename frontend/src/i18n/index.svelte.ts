import type { Messages } from './en';
import { dictionaries, isLanguage, pickLanguage, type Language } from './language';

const STORAGE_KEY = 'homeclaim.language';

function saved(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode): fall back to the browser's preference
  }
}

class I18n {
  language = $state<Language>(pickLanguage(saved(), navigator.languages ?? [navigator.language]));
  t: Messages = $derived(dictionaries[this.language]);

  set(language: string): void {
    if (!isLanguage(language)) return;
    this.language = language;
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // not remembered, but the switch still applies to this visit
    }
  }
}

export const i18n = new I18n();

export type { Language, Messages };
