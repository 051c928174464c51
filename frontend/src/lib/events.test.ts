import { describe, expect, it } from 'vitest';
import { eventDetails, eventFiltersFromSearch, eventsQuery, searchFromEventFilters } from './events';

describe('audit filters in the URL', () => {
  it('round-trip, and drop what is not a known kind or a person id', () => {
    const filters = { kind: 'role_changed' as const, person: 12, page: 2 };
    expect(searchFromEventFilters(filters)).toBe('?kind=role_changed&person=12&page=2');
    expect(eventFiltersFromSearch('?kind=role_changed&person=12&page=2')).toEqual(filters);
    expect(eventFiltersFromSearch('?kind=drop_table&person=x')).toEqual({ kind: '', person: null, page: 1 });
    expect(eventsQuery({ kind: '', person: null, page: 1 })).toEqual({ page: 1, page_size: 50 });
  });
});

describe('eventDetails', () => {
  it('flattens lists and objects into text', () => {
    expect(
      eventDetails({ created: 3, fields: ['role', 'cost_centre'], changes: { csv_separator: '\t' }, renew: false }),
    ).toEqual([
      ['created', '3'],
      ['fields', 'role, cost_centre'],
      ['changes', 'csv_separator = TAB'],
      ['renew', 'false'],
    ]);
  });
});
