import { describe, expect, it } from 'vitest';
import type { Person } from './admin';
import {
  bulkChange,
  NO_PEOPLE_FILTERS,
  peopleFiltersFromSearch,
  peopleQuery,
  personChanges,
  personDraft,
  searchFromPeopleFilters,
} from './people';

const person: Person = {
  id: 7,
  employee_id: 'E-100',
  username: 'maria',
  full_name: 'María Pérez',
  email: '',
  role: 'worker',
  cost_centre: 'CC-1',
  start_date: '2025-01-15',
  end_date: null,
  is_active: true,
  can_log_in: true,
  has_password: false,
  activation_pending: false,
};

describe('people filters in the URL', () => {
  it('write nothing for the defaults and round-trip every filter', () => {
    expect(peopleFiltersFromSearch('')).toEqual(NO_PEOPLE_FILTERS);
    expect(searchFromPeopleFilters(NO_PEOPLE_FILTERS)).toBe('');
    const filters = { q: 'pérez', role: 'hr' as const, active: 'no' as const, page: 2 };
    const search = searchFromPeopleFilters(filters);
    expect(search).toBe('?q=p%C3%A9rez&role=hr&active=no&page=2');
    expect(peopleFiltersFromSearch(search)).toEqual(filters);
  });

  it('ignore what a hand-edited URL gets wrong', () => {
    expect(peopleFiltersFromSearch('?role=boss&active=maybe&page=0')).toEqual(NO_PEOPLE_FILTERS);
  });

  it('ask the API for exactly the filters chosen', () => {
    expect(peopleQuery(NO_PEOPLE_FILTERS)).toEqual({ page: 1, page_size: 50 });
    expect(peopleQuery({ q: ' E-1 ', role: 'admin', active: 'yes', page: 3 })).toEqual({
      q: 'E-1',
      role: 'admin',
      active: true,
      page: 3,
      page_size: 50,
    });
  });
});

describe('personChanges', () => {
  it('sends nothing when nothing changed', () => {
    expect(personChanges(person, personDraft(person))).toEqual({});
    expect(personChanges(person, { ...personDraft(person), full_name: ' María Pérez ' })).toEqual({});
  });

  it('sends only the changed fields, an emptied date as null', () => {
    const draft = {
      ...personDraft(person),
      role: 'hr' as const,
      start_date: '',
      end_date: '2026-12-31',
      is_active: false,
    };
    expect(personChanges(person, draft)).toEqual({
      role: 'hr',
      start_date: null,
      end_date: '2026-12-31',
      is_active: false,
    });
  });
});

describe('bulkChange', () => {
  const draft = { action: 'role' as const, role: 'negotiator' as const, cost_centre: '', end_date: '' };

  it('asks for the one change chosen', () => {
    expect(bulkChange(draft)).toEqual({ role: 'negotiator' });
    expect(bulkChange({ ...draft, action: 'cost_centre', cost_centre: ' CC-9 ' })).toEqual({ cost_centre: 'CC-9' });
    expect(bulkChange({ ...draft, action: 'end_date', end_date: '2026-12-31' })).toEqual({ end_date: '2026-12-31' });
    expect(bulkChange({ ...draft, action: 'end_date' })).toEqual({ end_date: null });
    expect(bulkChange({ ...draft, action: 'deactivate' })).toEqual({ is_active: false });
    expect(bulkChange({ ...draft, action: 'reactivate' })).toEqual({ is_active: true });
  });

  it('needs a cost centre to set one', () => {
    expect(bulkChange({ ...draft, action: 'cost_centre', cost_centre: '  ' })).toBeNull();
  });
});
