import { describe, expect, it } from 'vitest';
import { claimStep, NO_FILTERS, plainAmount, receiptQuery } from './receiptFilters';

describe('plainAmount', () => {
  it.each([
    ['95.000', '95000'],
    ['$ 1.250.000', '1250000'],
    ['95000,50', '95000.50'],
    ['95000.5', '95000.5'],
    ['1,250,000', '1250000'],
    ['', null],
    ['abc', null],
    ['-5', null],
  ])('%s → %s', (text, expected) => {
    expect(plainAmount(text)).toBe(expected);
  });
});

describe('receiptQuery', () => {
  it('sends nothing for empty filters', () => {
    expect(receiptQuery(NO_FILTERS)).toEqual({});
  });

  it('sends only what was filled in, amounts as plain decimals', () => {
    expect(
      receiptQuery({
        q: '  claro ',
        claimed: 'unclaimed',
        dateFrom: '2026-03-01',
        dateTo: '',
        amountMin: '50.000',
        amountMax: 'x',
      }),
    ).toEqual({ q: 'claro', claimed: 'unclaimed', date_from: '2026-03-01', amount_min: '50000' });
  });
});

describe('claimStep', () => {
  it('starts a claim when there is no draft', () => {
    expect(claimStep(null, 7)).toEqual({ kind: 'create', body: { expense_ids: [7] } });
  });

  it('adds to the draft keeping its lines, once', () => {
    const draft = { id: 3, lines: [{ id: 1 }, { id: 7 }, { id: 2 }] };
    expect(claimStep(draft, 7)).toEqual({ kind: 'add', claimId: 3, body: { expense_ids: [1, 2, 7] } });
  });
});
