import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
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
  const data = {
    created: 1500,
    fields: ['role', 'cost_centre'],
    changes: { csv_separator: '\t' },
    renew: false,
    confirm_token: 'abc123',
  };

  it('says names, fields and values in words, and leaves the system’s own tokens out', () => {
    expect(eventDetails(data, es, 'es-CO')).toEqual([
      ['Creadas', '1.500'],
      ['Campos', 'Rol, Centro de costo'],
      ['Cambios', 'Separador CSV: Tabulador'],
      ['Renovar códigos', 'no'],
    ]);
    expect(eventDetails(data, en, 'en')).toEqual([
      ['Created', '1,500'],
      ['Fields', 'Role, Cost centre'],
      ['Changes', 'CSV separator: Tab'],
      ['Renew codes', 'no'],
    ]);
  });

  it('names roles in a role change', () => {
    expect(eventDetails({ old: 'worker', new: 'hr' }, es, 'es-CO')).toEqual([
      ['Antes', 'Trabajador'],
      ['Ahora', 'Revisor de RR. HH.'],
    ]);
  });
});
