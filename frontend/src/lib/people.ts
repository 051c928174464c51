// The admin's people list (its search, filters and page live in the URL) and the edit form
// (only what the admin changed is sent, so each change is one clear audit event).
import { oneOf, ROLES, type Role } from '../api/types';
import { pageFrom, searchOf, type PeopleBulkPatch, type Person, type PersonPatch } from './admin';

export const PEOPLE_PAGE_SIZE = 50;

export interface PeopleFilters {
  q: string;
  role: Role | '';
  active: '' | 'yes' | 'no';
  page: number;
}

export const NO_PEOPLE_FILTERS: PeopleFilters = { q: '', role: '', active: '', page: 1 };

export function peopleFiltersFromSearch(search: string): PeopleFilters {
  const query = new URLSearchParams(search);
  const active = query.get('active');
  return {
    q: (query.get('q') ?? '').trim().slice(0, 150),
    role: oneOf(ROLES, query.get('role')) ?? '',
    active: active === 'yes' || active === 'no' ? active : '',
    page: pageFrom(query),
  };
}

export function searchFromPeopleFilters(filters: PeopleFilters): string {
  return searchOf([
    ['q', filters.q.trim()],
    ['role', filters.role],
    ['active', filters.active],
    ['page', filters.page > 1 ? filters.page : null],
  ]);
}

/** The GET /api/admin/people query for these filters. */
export function peopleQuery(filters: PeopleFilters) {
  return {
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.role ? { role: filters.role } : {}),
    ...(filters.active ? { active: filters.active === 'yes' } : {}),
    page: filters.page,
    page_size: PEOPLE_PAGE_SIZE,
  };
}

export interface PersonDraft {
  full_name: string;
  username: string;
  email: string;
  employee_id: string;
  role: Role;
  cost_centre: string;
  start_date: string; // yyyy-mm-dd from <input type="date">, '' for none
  end_date: string;
  is_active: boolean;
}

export function personDraft(person: Person): PersonDraft {
  return {
    full_name: person.full_name,
    username: person.username,
    email: person.email,
    employee_id: person.employee_id,
    role: person.role,
    cost_centre: person.cost_centre,
    start_date: person.start_date ?? '',
    end_date: person.end_date ?? '',
    is_active: person.is_active,
  };
}

/** The PATCH body: the fields that differ from the person as loaded, text trimmed, '' dates as null. */
export function personChanges(person: Person, draft: PersonDraft): PersonPatch {
  const before = personDraft(person);
  const changes: PersonPatch = {};
  for (const field of ['full_name', 'username', 'email', 'employee_id', 'cost_centre'] as const) {
    const value = draft[field].trim();
    if (value !== before[field]) changes[field] = value;
  }
  for (const field of ['start_date', 'end_date'] as const) {
    if (draft[field] !== before[field]) changes[field] = draft[field] || null;
  }
  if (draft.role !== before.role) changes.role = draft.role;
  if (draft.is_active !== before.is_active) changes.is_active = draft.is_active;
  return changes;
}

/** One change for many people at once (PATCH /api/admin/people). */
export type BulkAction = 'role' | 'cost_centre' | 'end_date' | 'deactivate' | 'reactivate';
export interface BulkDraft {
  action: BulkAction;
  role: Role;
  cost_centre: string;
  end_date: string; // '' clears it
}

export type BulkChange = Omit<PeopleBulkPatch, 'ids'>;

/** The change the bulk form asks for, or null when its value is missing. */
export function bulkChange(draft: BulkDraft): BulkChange | null {
  switch (draft.action) {
    case 'role':
      return { role: draft.role };
    case 'cost_centre':
      return draft.cost_centre.trim() ? { cost_centre: draft.cost_centre.trim() } : null;
    case 'end_date':
      return { end_date: draft.end_date || null };
    case 'deactivate':
      return { is_active: false };
    case 'reactivate':
      return { is_active: true };
  }
}
