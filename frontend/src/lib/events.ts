// The admins' audit trail: its filters live in the URL; each event's data is shown as
// "name: value" lines (the API records field names and counts, never personal values).
import { pageFrom, searchOf } from './admin';

export const EVENTS_PAGE_SIZE = 50;

// orgsetup/models.py AdminEventKind, in the order an organisation is set up.
export const EVENT_KINDS = [
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
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export function eventKind(value: string | null): EventKind | null {
  return value !== null && (EVENT_KINDS as readonly string[]).includes(value) ? (value as EventKind) : null;
}

export interface EventFilters {
  kind: EventKind | '';
  person: number | null;
  page: number;
}

export function eventFiltersFromSearch(search: string): EventFilters {
  const query = new URLSearchParams(search);
  const person = Number.parseInt(query.get('person') ?? '', 10);
  return {
    kind: eventKind(query.get('kind')) ?? '',
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

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).join(', ');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([name, inner]) => `${name} = ${text(inner)}`)
      .join(', ');
  }
  return value === '\t' ? 'TAB' : String(value);
}

/** An event's data as [name, value] pairs, values flattened to text. */
export function eventDetails(data: Record<string, unknown>): [string, string][] {
  return Object.entries(data).map(([name, value]) => [name, text(value)]);
}
