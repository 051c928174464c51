// Small facts the category pages share.
import type { Language } from '../i18n/language';
import type { AdminCategory, PolicyVersion } from './admin';

/** The category's name in the reader's language. */
export function categoryName(category: AdminCategory, language: Language): string {
  return language === 'es-CO' ? category.name_es : category.name_en;
}

/** Today as yyyy-mm-dd where the admin is (not in UTC, which is tomorrow in Bogotá after 7 pm). */
export function today(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

export type VersionState = 'in_force' | 'future' | 'past';

/** Where a version stands: the one in force today, one still to come, or one replaced. */
export function versionState(category: AdminCategory, policy: PolicyVersion, on: string): VersionState {
  if (policy.version === category.policy_in_force) return 'in_force';
  return policy.effective_from > on ? 'future' : 'past';
}
