import { describe, expect, it } from 'vitest';
import type { AdminCategory, PolicyVersion } from './admin';
import { categoryName, today, versionState } from './categoryAdmin';

const version = (effective_from: string): PolicyVersion => ({
  version: `chair ${effective_from}`,
  effective_from,
  kind: 'one_time',
  currency: 'COP',
  cap: null,
  replacement_months: null,
  work_use_percent: '100.00',
  legal_floor: null,
  payroll_concept: 'AUX',
  claim_window_days: 90,
  receipt_required: true,
  in_use: false,
});

const chair: AdminCategory = {
  code: 'chair',
  name_en: 'Chair',
  name_es: 'Silla',
  active: true,
  policy_in_force: 'chair 2026-01-01',
  policies: [version('2027-01-01'), version('2026-01-01'), version('2025-01-01')],
};

describe('category pages', () => {
  it('name the category in the reader’s language', () => {
    expect(categoryName(chair, 'es-CO')).toBe('Silla');
    expect(categoryName(chair, 'en')).toBe('Chair');
  });

  it('write today’s local date', () => {
    expect(today(new Date(2026, 10, 28, 21, 30))).toBe('2026-11-28');
    expect(today(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('tell which version is in force, still to come or replaced', () => {
    expect(chair.policies.map((p) => versionState(chair, p, '2026-11-28'))).toEqual(['future', 'in_force', 'past']);
  });
});
