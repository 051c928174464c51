// The admins' audit trail: its filters live in the URL; each event's data is shown as
// "name: value" lines in words (the API records field names and counts, never personal values).
import { everyOf, oneOf, ROLES, type AdminEventKind } from '../api/types';
import type { Messages } from '../i18n/en';
import type { Language } from '../i18n/language';
import { pageFrom, searchOf } from './admin';
import { formatNumber } from './format';

export const EVENTS_PAGE_SIZE = 50;

/** Every kind, in the order an organisation is set up (the filter's menu). */
export const EVENT_KINDS = everyOf<AdminEventKind>()([
  'people_imported',
  'person_created',
  'person_updated',
  'role_changed',
  'deactivated',
  'reactivated',
  'activation_issued',
  'activated',
  'category_created',
  'category_updated',
  'policy_created',
  'policy_updated',
  'rates_imported',
  'organization_updated',
]);

export interface EventFilters {
  kind: AdminEventKind | '';
  person: number | null;
  page: number;
}

export function eventFiltersFromSearch(search: string): EventFilters {
  const query = new URLSearchParams(search);
  const person = Number.parseInt(query.get('person') ?? '', 10);
  return {
    kind: oneOf(EVENT_KINDS, query.get('kind')) ?? '',
    person: Number.isInteger(person) && person > 0 ? person : null,
    page: pageFrom(query),
  };
}

export function searchFromEventFilters(filters: EventFilters): string {
  return searchOf([
    ['kind', filters.kind],
    ['person', filters.person],
    ['page', filters.page > 1 ? filters.page : null],
  ]);
}

export function eventsQuery(filters: EventFilters) {
  return {
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.person ? { person: filters.person } : {}),
    page: filters.page,
    page_size: EVENTS_PAGE_SIZE,
  };
}

/** Recorded for the system's own use (the import's confirmation), not for a person to read. */
const INTERNAL = new Set(['confirm_token']);
const SEPARATORS: Record<string, keyof Messages['eventData']['separators']> = {
  ';': 'semicolon',
  ',': 'comma',
  '\t': 'tab',
  '|': 'pipe',
};

/** An event's data as [label, value] pairs in the reader's words; values flattened to text. */
export function eventDetails(data: Record<string, unknown>, t: Messages, language: Language): [string, string][] {
  const words = t.eventData;
  const field = (name: string) => words.fields[name as keyof typeof words.fields] ?? name;
  const value = (name: string, raw: unknown): string => {
    if (Array.isArray(raw))
      return raw.map((item) => (name === 'fields' ? field(String(item)) : value(name, item))).join(', ');
    if (typeof raw === 'object' && raw !== null) {
      return Object.entries(raw)
        .map(([inner, innerValue]) => `${field(inner)}: ${value(inner, innerValue)}`)
        .join(', ');
    }
    if (typeof raw === 'boolean') return raw ? words.yes : words.no;
    if (typeof raw === 'number') return name === 'import' ? `#${raw}` : formatNumber(raw, language);
    if (raw === null || raw === undefined || raw === '') return '—';
    const text = String(raw);
    const role = oneOf(ROLES, text);
    if (role && ['old', 'new', 'role'].includes(name)) return t.roles[role];
    const separator = name === 'csv_separator' ? SEPARATORS[text] : undefined;
    return separator ? words.separators[separator] : text;
  };
  return Object.entries(data)
    .filter(([name]) => !INTERNAL.has(name))
    .map(([name, raw]) => [words.keys[name as keyof typeof words.keys] ?? field(name), value(name, raw)]);
}
