// The worker's "confirm or correct" form. Only what the worker changed is sent: the API fills
// the rest from the receipt, keeps both values and audits the change.
import type { Expense, ExpenseInput, ExpensePatch, Receipt } from '../api/types';
import type { Language } from '../i18n/language';
import { amountForInput, parseAmount, sameAmount } from './amount';

export interface ExpenseDraft {
  category: string;
  /** As typed, in the reader's way ("1.250.000"). */
  amount: string;
  currency: string;
  date: string; // yyyy-mm-dd, from <input type="date">
  vendor: string;
  note: string;
  serviceMonth: string; // yyyy-mm, from <input type="month">; monthly categories only
}

export type DraftField = 'category' | 'amount' | 'date';
export type DraftProblem = 'required' | 'invalid';
export type DraftErrors = Partial<Record<DraftField, DraftProblem>>;

/** The values the form starts from, and compares against to know what was corrected. */
interface Base {
  category: string;
  amount: string | null;
  currency: string | null;
  date: string | null;
  vendor: string | null;
  note: string;
  serviceMonth: string | null;
}

function baseOfReceipt(receipt: Receipt): Base {
  return {
    category: '',
    amount: receipt.total,
    currency: receipt.currency,
    date: receipt.date,
    vendor: receipt.vendor,
    note: '',
    serviceMonth: null,
  };
}

function baseOfExpense(expense: Expense): Base {
  return {
    category: expense.category,
    amount: expense.amount,
    currency: expense.currency,
    date: expense.date,
    vendor: expense.vendor,
    note: expense.note,
    serviceMonth: expense.service_month?.slice(0, 7) ?? null,
  };
}

function draftOf(base: Base, language: Language, fallbackCurrency: string): ExpenseDraft {
  return {
    category: base.category,
    amount: amountForInput(base.amount, language),
    currency: base.currency || fallbackCurrency,
    date: base.date ?? '',
    vendor: base.vendor ?? '',
    note: base.note,
    serviceMonth: base.serviceMonth ?? '',
  };
}

export const draftFromReceipt = (receipt: Receipt, language: Language, currency = 'COP') =>
  draftOf(baseOfReceipt(receipt), language, currency);
export const draftFromExpense = (expense: Expense, language: Language) =>
  draftOf(baseOfExpense(expense), language, expense.currency);

type Checked = { ok: true; changes: ExpensePatch } | { ok: false; errors: DraftErrors };

function changes(base: Base, draft: ExpenseDraft, language: Language): Checked {
  const errors: DraftErrors = {};
  const changed: ExpensePatch = {};
  if (!draft.category) errors.category = 'required';
  else if (draft.category !== base.category) changed.category = draft.category;

  const amount = parseAmount(draft.amount, language);
  if (!draft.amount.trim()) errors.amount = 'required';
  else if (amount === null || amount === '0') errors.amount = 'invalid';
  else if (!sameAmount(amount, base.amount)) changed.amount = amount;

  if (!draft.date) errors.date = 'required';
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) errors.date = 'invalid';
  else if (draft.date !== base.date) changed.date = draft.date;

  if (draft.currency && draft.currency !== (base.currency ?? '')) changed.currency = draft.currency;
  if (draft.vendor.trim() !== (base.vendor ?? '')) changed.vendor = draft.vendor.trim();
  if (draft.note.trim() !== base.note) changed.note = draft.note.trim();
  if (draft.serviceMonth && draft.serviceMonth !== base.serviceMonth) {
    changed.service_month = `${draft.serviceMonth}-01`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, changes: changed };
}

export type CreateChecked = { ok: true; body: ExpenseInput; corrected: boolean } | { ok: false; errors: DraftErrors };

/** POST /api/expenses: receipt and category always; anything else only when it was corrected. */
export function expenseCreateBody(receipt: Receipt, draft: ExpenseDraft, language: Language): CreateChecked {
  const checked = changes(baseOfReceipt(receipt), draft, language);
  if (!checked.ok) return checked;
  const { category, ...corrections } = checked.changes;
  const corrected = ['amount', 'date', 'currency', 'vendor'].some((key) => key in corrections);
  return {
    ok: true,
    body: { receipt_id: receipt.id, category: category ?? draft.category, ...corrections },
    corrected,
  };
}

/** PATCH /api/expenses/{id}: only the fields that differ from the expense as it is. */
export function expensePatchBody(expense: Expense, draft: ExpenseDraft, language: Language): Checked {
  return changes(baseOfExpense(expense), draft, language);
}

/** Which field an API refusal is about, so it is shown next to that field. */
export function fieldOfProblem(code: string): DraftField | 'currency' | null {
  switch (code) {
    case 'amount_required':
    case 'bad_amount':
      return 'amount';
    case 'date_required':
    case 'date_in_future':
      return 'date';
    case 'category_required':
    case 'unknown_category':
    case 'no_policy':
    case 'receipt_required':
      return 'category';
    case 'no_exchange_rate':
      return 'currency';
    default:
      return null;
  }
}
