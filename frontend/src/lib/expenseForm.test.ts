import { describe, expect, it } from 'vitest';
import type { Expense, Receipt } from '../api/types';
import { draftFromExpense, draftFromReceipt, expenseCreateBody, expensePatchBody, fieldOfProblem } from './expenseForm';

const receipt = {
  id: 7,
  total: '500000.00',
  currency: 'COP',
  date: '2026-11-20',
  vendor: 'FERRETERIA EL TORNILLO S.A.S.',
} as Receipt;

describe('expenseCreateBody', () => {
  it('confirms with just the receipt and the category when nothing was changed', () => {
    const draft = { ...draftFromReceipt(receipt, 'es-CO'), category: 'chair' };
    expect(draft.amount).toBe('500.000');
    expect(expenseCreateBody(receipt, draft, 'es-CO')).toEqual({
      ok: true,
      body: { receipt_id: 7, category: 'chair' },
      corrected: false,
    });
  });

  it('sends only the corrected fields, as decimal strings', () => {
    const draft = { ...draftFromReceipt(receipt, 'es-CO'), category: 'desk', amount: '450.000,50', note: ' usada ' };
    expect(expenseCreateBody(receipt, draft, 'es-CO')).toEqual({
      ok: true,
      body: { receipt_id: 7, category: 'desk', amount: '450000.5', note: 'usada' },
      corrected: true,
    });
  });

  it('asks for what is missing or unreadable, per field', () => {
    const unread = { ...receipt, total: null, date: null } as Receipt;
    const draft = draftFromReceipt(unread, 'en');
    expect(expenseCreateBody(unread, draft, 'en')).toEqual({
      ok: false,
      errors: { category: 'required', amount: 'required', date: 'required' },
    });
    expect(
      expenseCreateBody(receipt, { ...draft, category: 'chair', amount: '1.2.3', date: '2026-11-20' }, 'en'),
    ).toEqual({ ok: false, errors: { amount: 'invalid' } });
  });

  it('sends a monthly category’s service month as its first day', () => {
    const draft = { ...draftFromReceipt(receipt, 'en'), category: 'internet', serviceMonth: '2026-10' };
    const checked = expenseCreateBody(receipt, draft, 'en');
    expect(checked.ok && checked.body.service_month).toBe('2026-10-01');
  });
});

describe('expensePatchBody', () => {
  const expense = {
    category: 'chair',
    amount: '500000.00',
    currency: 'COP',
    date: '2026-11-20',
    vendor: 'X',
    note: '',
    service_month: null,
  } as Expense;

  it('is empty when nothing changed, and has only what changed otherwise', () => {
    const draft = draftFromExpense(expense, 'en');
    expect(expensePatchBody(expense, draft, 'en')).toEqual({ ok: true, changes: {} });
    expect(expensePatchBody(expense, { ...draft, amount: '480,000' }, 'en')).toEqual({
      ok: true,
      changes: { amount: '480000' },
    });
  });
});

describe('fieldOfProblem', () => {
  it('puts the API’s refusals next to the field they are about', () => {
    expect(fieldOfProblem('date_in_future')).toBe('date');
    expect(fieldOfProblem('no_exchange_rate')).toBe('currency');
    expect(fieldOfProblem('no_policy')).toBe('category');
    expect(fieldOfProblem('receipt_already_used')).toBeNull();
  });
});
