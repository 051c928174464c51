import { describe, expect, it } from 'vitest';
import type { Claim, Expense } from '../api/types';
import { isCleanLine, planClean, sumAmounts } from './cleanLines';

const line = (id: number, extra: Partial<Expense> = {}) =>
  ({
    id,
    decision: null,
    flags: [],
    eligibility_reason: null,
    eligible_amount: '100000.00',
    eligible_currency: 'COP',
    ...extra,
  }) as Expense;
const claim = (id: number, lines: Expense[], status: Claim['status'] = 'submitted') =>
  ({ id, status, currency: 'COP', lines }) as Claim;

describe('clean lines', () => {
  it('follows the API: no decision, no flag, no objection, something eligible', () => {
    expect(isCleanLine(line(1))).toBe(true);
    expect(isCleanLine(line(1, { decision: 'approve' }))).toBe(false);
    expect(
      isCleanLine(line(1, { flags: [{ kind: 'same_file', expense_id: 2, receipt_id: 3, yours: true, owner: null }] })),
    ).toBe(false);
    expect(isCleanLine(line(1, { eligibility_reason: 'outside_window' }))).toBe(false);
    expect(isCleanLine(line(1, { eligible_amount: '0.00' }))).toBe(false);
    expect(isCleanLine(line(1, { eligible_amount: null }))).toBe(false);
  });

  it('adds decimal strings exactly', () => {
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.3');
    expect(sumAmounts(['1250000.5', '0.25', '3'])).toBe('1250003.75');
    expect(sumAmounts([])).toBe('0');
    expect(sumAmounts(['0.05'])).toBe('0.05');
  });

  it('counts the lines and the total per currency, skipping claims with nothing clean or not waiting', () => {
    const plan = planClean([
      claim(1, [line(1), line(2, { eligible_amount: '50000.50' }), line(3, { decision: 'reject' })]),
      claim(2, [line(4, { eligibility_reason: 'over_cap' })]),
      claim(3, [line(5)], 'approved'),
      claim(4, [line(6, { eligible_amount: '10', eligible_currency: 'USD' })]),
    ]);
    expect(plan).toEqual({
      claims: [
        { id: 1, lines: 2 },
        { id: 4, lines: 1 },
      ],
      lines: 3,
      totals: [
        { currency: 'COP', amount: '150000.50' },
        { currency: 'USD', amount: '10' },
      ],
    });
  });
});
