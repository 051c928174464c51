import { describe, expect, it } from 'vitest';
import type { Receipt } from '../api/types';
import { isUncertain, needsCheck } from './uncertain';

const read: Pick<Receipt, 'status' | 'confidence' | 'total' | 'date' | 'vendor'> = {
  status: 'done',
  confidence: 0.95,
  total: '500000.00',
  date: '2026-03-15',
  vendor: 'X',
};

describe('uncertain readings', () => {
  it('follows the server: needs_review is uncertain, done is not', () => {
    expect(isUncertain(read)).toBe(false);
    expect(isUncertain({ ...read, status: 'needs_review' })).toBe(true);
    expect(isUncertain({ ...read, status: 'needs_review', confidence: 0.99 })).toBe(true);
    expect(isUncertain({ ...read, confidence: 0.71 })).toBe(false);
    expect(isUncertain({ ...read, confidence: null })).toBe(true);
  });

  it('has nothing to check before the reading ends or when it failed', () => {
    expect(isUncertain({ ...read, status: 'queued', confidence: null })).toBe(false);
    expect(needsCheck({ ...read, status: 'failed', total: null }, 'total')).toBe(false);
  });

  it('asks to check a key field that was not found, even in a confident reading', () => {
    expect(needsCheck(read, 'vendor')).toBe(false);
    expect(needsCheck({ ...read, vendor: '' }, 'vendor')).toBe(true);
    expect(needsCheck({ ...read, date: null }, 'date')).toBe(true);
    expect(needsCheck({ ...read, status: 'needs_review' }, 'total')).toBe(true);
  });
});

describe('a reading with a confidence per field', () => {
  const confidences = { total: 0.97, date: 0.4, vendor: 0.95, nit: 0.9, service_month: 0.3 };
  const bill = {
    ...read,
    status: 'needs_review' as const,
    nit: '900123456',
    service_month: '2026-03',
    confidences,
    unsure_fields: ['date', 'service_month'],
  };

  it('marks only the fields the reading is unsure of', () => {
    expect(needsCheck(bill, 'date')).toBe(true);
    expect(needsCheck(bill, 'service_month')).toBe(true);
    expect(needsCheck(bill, 'total')).toBe(false);
    expect(needsCheck(bill, 'vendor')).toBe(false);
    expect(needsCheck(bill, 'nit')).toBe(false);
  });

  it('still asks for a key field that was not found, never for a missing service month', () => {
    expect(needsCheck({ ...bill, vendor: '' }, 'vendor')).toBe(true);
    expect(needsCheck({ ...bill, service_month: null, unsure_fields: [] }, 'service_month')).toBe(false);
  });

  it('is uncertain when done but unsure of a field; sure when it lists none', () => {
    expect(isUncertain({ ...bill, status: 'done' })).toBe(true);
    expect(isUncertain({ ...bill, status: 'done', unsure_fields: [] })).toBe(false);
  });

  it('without per-field confidences flags the key fields together, as before', () => {
    const old = { ...bill, confidences: null, unsure_fields: ['total', 'date', 'vendor', 'nit'] };
    expect(needsCheck(old, 'total')).toBe(true);
    expect(needsCheck(old, 'vendor')).toBe(true);
    expect(needsCheck(old, 'nit')).toBe(false);
  });
});
