// The receipts list's search (as the API's query) and the one-tap step from a read receipt to a
// line of the worker's open draft claim.

export type ClaimedFilter = '' | 'unclaimed' | 'in_claim' | 'decided';

export interface ReceiptFilters {
  q: string;
  claimed: ClaimedFilter;
  dateFrom: string;
  dateTo: string;
  amountMin: string;
  amountMax: string;
}

export const NO_FILTERS: ReceiptFilters = {
  q: '',
  claimed: '',
  dateFrom: '',
  dateTo: '',
  amountMin: '',
  amountMax: '',
};

export interface ReceiptQuery {
  q?: string;
  claimed?: Exclude<ClaimedFilter, ''>;
  date_from?: string;
  date_to?: string;
  amount_min?: string;
  amount_max?: string;
}

/** "95.000" or "95000,50" as the API's plain decimal ("95000", "95000.50"); null when not a number. */
export function plainAmount(text: string): string | null {
  let value = text.replace(/[\s$]/g, '');
  if (!value) return null;
  // A comma with one or two digits after it is the decimal mark; other dots and commas group.
  const decimal = /[,.](\d{1,2})$/.exec(value);
  let cents = '';
  if (decimal && !/^\d{1,3}([.,]\d{3})+$/.test(value)) {
    cents = decimal[1] ?? '';
    value = value.slice(0, decimal.index);
  }
  value = value.replace(/[.,]/g, '');
  if (!/^\d{1,14}$/.test(value)) return null;
  return cents ? `${value}.${cents}` : value;
}

/** Only what the worker filled in; an amount that is not a number is left out. */
export function receiptQuery(filters: ReceiptFilters): ReceiptQuery {
  const query: ReceiptQuery = {};
  const q = filters.q.trim().slice(0, 100);
  if (q) query.q = q;
  if (filters.claimed) query.claimed = filters.claimed;
  if (filters.dateFrom) query.date_from = filters.dateFrom;
  if (filters.dateTo) query.date_to = filters.dateTo;
  const min = plainAmount(filters.amountMin);
  const max = plainAmount(filters.amountMax);
  if (min) query.amount_min = min;
  if (max) query.amount_max = max;
  return query;
}

export type ClaimStep =
  | { kind: 'create'; body: { expense_ids: number[] } }
  | { kind: 'add'; claimId: number; body: { expense_ids: number[] } };

/** Add the new expense to the open draft claim (keeping its lines), or start one. */
export function claimStep(draft: { id: number; lines: { id: number }[] } | null, expenseId: number): ClaimStep {
  if (!draft) return { kind: 'create', body: { expense_ids: [expenseId] } };
  const ids = draft.lines.map((line) => line.id).filter((id) => id !== expenseId);
  return { kind: 'add', claimId: draft.id, body: { expense_ids: [...ids, expenseId] } };
}
