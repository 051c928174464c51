// HR's review-queue filters, kept in the URL so a filtered queue can be bookmarked, shared,
// and come back to with the browser's Back button.
import { CLAIM_STATUSES, oneOf, type ClaimStatus } from '../api/types';

export const QUEUE_PAGE_SIZE = 25;
/** What the API shows when no status is asked for: the claims waiting for a decision. */
export const DEFAULT_STATUS: ClaimStatus = 'submitted';
/** HR never sees other people's drafts. */
export const QUEUE_STATUSES = CLAIM_STATUSES.filter((status) => status !== 'draft');

export interface QueueFilters {
  status: ClaimStatus;
  category: string;
  flagged: '' | 'yes' | 'no';
  worker: string;
  from: string;
  to: string;
  page: number;
}

export const DEFAULT_FILTERS: QueueFilters = {
  status: DEFAULT_STATUS,
  category: '',
  flagged: '',
  worker: '',
  from: '',
  to: '',
  page: 1,
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Anything odd in a hand-edited URL falls back to the default instead of failing. */
export function filtersFromSearch(search: string): QueueFilters {
  const query = new URLSearchParams(search);
  const text = (name: string) => (query.get(name) ?? '').trim();
  const status = oneOf(CLAIM_STATUSES, text('status'));
  const flagged = text('flagged');
  const page = Number.parseInt(text('page'), 10);
  return {
    status: status && status !== 'draft' ? status : DEFAULT_STATUS,
    category: /^[\w-]{1,40}$/.test(text('category')) ? text('category') : '',
    flagged: flagged === 'yes' || flagged === 'no' ? flagged : '',
    worker: text('worker').slice(0, 150),
    from: DATE.test(text('from')) ? text('from') : '',
    to: DATE.test(text('to')) ? text('to') : '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** "?status=approved&worker=ana": only what differs from the defaults, in a stable order. */
export function searchFromFilters(filters: QueueFilters): string {
  const query = new URLSearchParams();
  if (filters.status !== DEFAULT_STATUS) query.set('status', filters.status);
  if (filters.category) query.set('category', filters.category);
  if (filters.flagged) query.set('flagged', filters.flagged);
  if (filters.worker.trim()) query.set('worker', filters.worker.trim());
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  if (filters.page > 1) query.set('page', String(filters.page));
  const search = query.toString();
  return search ? `?${search}` : '';
}

export interface QueueQuery {
  status: string;
  category?: string;
  flagged?: boolean;
  worker?: string;
  period_from?: string;
  period_to?: string;
  page: number;
  page_size: number;
}

/** The GET /api/claims query for these filters. */
export function apiQuery(filters: QueueFilters, pageSize = QUEUE_PAGE_SIZE): QueueQuery {
  return {
    status: filters.status,
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.flagged ? { flagged: filters.flagged === 'yes' } : {}),
    ...(filters.worker.trim() ? { worker: filters.worker.trim() } : {}),
    ...(filters.from ? { period_from: filters.from } : {}),
    ...(filters.to ? { period_to: filters.to } : {}),
    page: filters.page,
    page_size: pageSize,
  };
}

export function pageCount(count: number, pageSize = QUEUE_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / pageSize));
}
