// When to ask the worker to check what was read. The server alone decides whether a reading is
// sure enough (status done vs needs_review), so the UI and the API never disagree; the API gives
// one confidence for the whole reading, so the fields a claim depends on are flagged together.
import type { Receipt } from '../api/types';

/** The fields that decide a claim; the ones flagged when the reading is uncertain. */
export const KEY_FIELDS = ['total', 'date', 'vendor'] as const;
export type KeyField = (typeof KEY_FIELDS)[number];

type Reading = Pick<Receipt, 'status' | 'confidence'>;

export function isUncertain(receipt: Reading): boolean {
  if (receipt.status === 'needs_review') return true;
  if (receipt.status !== 'done') return false; // not read yet, or failed: nothing to check
  return receipt.confidence == null;
}

/** A key field needs checking when the reading is uncertain, or when it was not found at all. */
export function needsCheck(receipt: Reading & Pick<Receipt, KeyField>, field: KeyField): boolean {
  if (receipt.status !== 'done' && receipt.status !== 'needs_review') return false;
  return isUncertain(receipt) || !receipt[field];
}
