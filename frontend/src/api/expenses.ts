// Look-ups the API does not offer directly yet.
import { api, call, type Result } from './client';
import type { Expense } from './types';

const PAGE_SIZE = 100;

/**
 * The worker's expense made from this receipt, if any. The API has no receipt filter on
 * GET /api/expenses (nor an expense id on the receipt), so the worker's own list is scanned.
 */
export async function expenseOfReceipt(receiptId: number): Promise<Result<Expense | null>> {
  for (let page = 1; ; page += 1) {
    const result = await call(() => api.GET('/api/expenses', { params: { query: { page, page_size: PAGE_SIZE } } }));
    if (!result.ok) return result;
    const found = result.data.items.find((expense) => expense.receipt_id === receiptId);
    if (found) return { ok: true, data: found };
    if (page * PAGE_SIZE >= result.data.count) return { ok: true, data: null };
  }
}

/** All of the worker's expenses (a worker has tens, not thousands). */
export async function allExpenses(): Promise<Result<Expense[]>> {
  const items: Expense[] = [];
  for (let page = 1; ; page += 1) {
    const result = await call(() => api.GET('/api/expenses', { params: { query: { page, page_size: PAGE_SIZE } } }));
    if (!result.ok) return result;
    items.push(...result.data.items);
    if (page * PAGE_SIZE >= result.data.count) return { ok: true, data: items };
  }
}
