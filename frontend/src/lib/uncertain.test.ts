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
