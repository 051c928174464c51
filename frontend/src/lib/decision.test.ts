import { describe, expect, it } from 'vitest';
import type { Expense } from '../api/types';
import { buildDecision, canOverride, emptyLineDraft, keepPendingDrafts } from './decision';

const line = (id: number, extra: Partial<Expense> = {}) =>
  ({ id, decision: null, amount: '689900.00', converted_amount: '689900.00', ...extra }) as Expense;

describe('buildDecision', () => {
  it('sends the chosen lines with the version HR saw', () => {
    const lines = [line(1), line(2), line(3), line(4)];
    const checked = buildDecision(
      lines,
      {
        1: { action: 'approve', amount: '', reason: '', note: '', override: false },
        2: { action: 'partial', amount: '600.000', reason: 'over_cap', note: ' tope ', override: false },
        3: { action: 'reject', amount: '', reason: 'duplicate', note: '', override: false },
        4: emptyLineDraft(),
      },
      5,
      'es-CO',
    );
    expect(checked).toEqual({
      ok: true,
      body: {
        version: 5,
        lines: [
          { expense_id: 1, action: 'approve', note: '', override: false },
          {
            expense_id: 2,
            action: 'partial',
            approved_amount: '600000',
            reason_code: 'over_cap',
            note: 'tope',
            override: false,
          },
          { expense_id: 3, action: 'reject', reason_code: 'duplicate', note: '', override: false },
        ],
      },
    });
  });

  it('asks for a reason, and a partial amount between nothing and the whole, per line', () => {
    const checked = buildDecision(
      [line(1), line(2), line(3), line(4)],
      {
        1: { action: 'return', amount: '', reason: '', note: '', override: false },
        2: { action: 'partial', amount: 'mucho', reason: 'other', note: '', override: false },
        3: { action: 'partial', amount: '689.900', reason: 'over_cap', note: '', override: false },
        4: { action: 'partial', amount: '0', reason: 'over_cap', note: '', override: false },
      },
      1,
      'es-CO',
    );
    expect(checked).toEqual({
      ok: false,
      nothingChosen: false,
      problems: { 1: 'reasonRequired', 2: 'amountInvalid', 3: 'amountRange', 4: 'amountRange' },
    });
  });

  it('says so when nothing was chosen, and skips lines already decided', () => {
    const decided = line(1, { decision: 'approve' });
    expect(
      buildDecision(
        [decided],
        { 1: { action: 'approve', amount: '', reason: '', note: '', override: false } },
        2,
        'en',
      ),
    ).toEqual({
      ok: false,
      nothingChosen: true,
      problems: {},
    });
  });
});

describe('keepPendingDrafts', () => {
  it('drops the choices for lines someone else decided meanwhile', () => {
    const chosen = { action: 'approve' as const, amount: '', reason: '' as const, note: '', override: false };
    expect(keepPendingDrafts([line(1, { decision: 'reject' }), line(2)], { 1: chosen, 2: chosen })).toEqual({
      2: chosen,
    });
  });
});

describe('an approval above the policy', () => {
  const draft = { ...emptyLineDraft(), override: true };

  it('needs a reason code and sends override for approve (the whole amount) and partial', () => {
    const checked = buildDecision(
      [line(1), line(2), line(3)],
      {
        1: { ...draft, action: 'approve', reason: 'other', note: 'acordado' },
        2: { ...draft, action: 'partial', amount: '650.000', reason: 'over_cap' },
        3: { ...draft, action: 'approve' },
      },
      1,
      'es-CO',
    );
    expect(checked).toEqual({ ok: false, nothingChosen: false, problems: { 3: 'reasonRequired' } });
    const fixed = buildDecision(
      [line(1), line(2)],
      {
        1: { ...draft, action: 'approve', reason: 'other', note: 'acordado' },
        2: { ...draft, action: 'partial', amount: '650.000', reason: 'over_cap' },
      },
      1,
      'es-CO',
    );
    expect(fixed).toEqual({
      ok: true,
      body: {
        version: 1,
        lines: [
          { expense_id: 1, action: 'approve', reason_code: 'other', note: 'acordado', override: true },
          {
            expense_id: 2,
            action: 'partial',
            approved_amount: '650000',
            reason_code: 'over_cap',
            note: '',
            override: true,
          },
        ],
      },
    });
  });

  it('is never sent with a rejection or a return, even if the box stayed ticked', () => {
    const checked = buildDecision([line(1)], { 1: { ...draft, action: 'reject', reason: 'duplicate' } }, 1, 'en');
    expect(checked.ok && checked.body.lines[0]?.override).toBe(false);
    expect(canOverride('return')).toBe(false);
    expect(canOverride('partial')).toBe(true);
  });
});
