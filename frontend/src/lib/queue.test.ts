import { describe, expect, it } from 'vitest';
import { apiQuery, DEFAULT_FILTERS, filtersFromSearch, pageCount, searchFromFilters } from './queue';

describe('queue filters in the URL', () => {
  it('default to the claims waiting for a decision, and write nothing for them', () => {
    expect(filtersFromSearch('')).toEqual(DEFAULT_FILTERS);
    expect(searchFromFilters(DEFAULT_FILTERS)).toBe('');
  });

  it('round-trip every filter', () => {
    const filters = {
      status: 'partially_approved' as const,
      category: 'internet',
      flagged: 'yes' as const,
      worker: 'E-1001',
      from: '2026-10-01',
      to: '2026-10-31',
      page: 3,
    };
    const search = searchFromFilters(filters);
    expect(search).toBe(
      '?status=partially_approved&category=internet&flagged=yes&worker=E-1001&from=2026-10-01&to=2026-10-31&page=3',
    );
    expect(filtersFromSearch(search)).toEqual(filters);
  });

  it('ignore what a hand-edited URL gets wrong', () => {
    expect(filtersFromSearch('?status=draft&flagged=maybe&from=ayer&page=-2&category=a%20b')).toEqual(DEFAULT_FILTERS);
  });
});

describe('apiQuery', () => {
  it('sends only the filters in use, with flagged as a boolean', () => {
    expect(apiQuery({ ...DEFAULT_FILTERS, flagged: 'no', worker: ' ana ' })).toEqual({
      status: 'submitted',
      flagged: false,
      worker: 'ana',
      page: 1,
      page_size: 25,
    });
    expect(apiQuery({ ...DEFAULT_FILTERS, from: '2026-01-01', to: '2026-01-31' }, 50)).toMatchObject({
      period_from: '2026-01-01',
      period_to: '2026-01-31',
      page_size: 50,
    });
  });

  it('counts pages, with at least one', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(2000)).toBe(80);
    expect(pageCount(26)).toBe(2);
  });
});
