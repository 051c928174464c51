// When to ask the worker to check what was read. The server alone decides whether a reading is
// sure enough (status done vs needs_review), so the UI and the API never disagree. A reading with
// a confidence per field lists the fields it is unsure of (`unsure_fields`): only those are
// marked. An older reading has one confidence for the whole receipt, so when it is uncertain the
// fields a claim depends on are flagged together.
import type { Receipt } from '../api/types';

/** The fields a reading may be unsure of, in the order they are shown. */
export const READ_FIELDS = ['total', 'date', 'vendor', 'nit', 'service_month'] as const;
export type ReadField = (typeof READ_FIELDS)[number];

/** The fields that decide a claim: asked for when not found at all. */
export const KEY_FIELDS = ['total', 'date', 'vendor'] as const;
export type KeyField = (typeof KEY_FIELDS)[number];

type Reading = Pick<Receipt, 'status' | 'confidence'> & Partial<Pick<Receipt, 'confidences' | 'unsure_fields'>>;

export function isUncertain(receipt: Reading): boolean {
  if (receipt.status === 'needs_review') return true;
  if (receipt.status !== 'done') return false; // not read yet, or failed: nothing to check
  if (receipt.confidences) return (receipt.unsure_fields ?? []).length > 0;
  return receipt.confidence == null;
}

const isKey = (field: ReadField): field is KeyField => (KEY_FIELDS as readonly string[]).includes(field);

/**
 * A field needs checking when the reading says it is unsure of it, or (a key field) when it was
 * not found at all. Without per-field confidences, every key field of an uncertain reading does.
 */
export function needsCheck(
  receipt: Reading & Pick<Receipt, KeyField> & Partial<Pick<Receipt, 'nit' | 'service_month'>>,
  field: ReadField,
): boolean {
  if (receipt.status !== 'done' && receipt.status !== 'needs_review') return false;
  if (isKey(field) && !receipt[field]) return true;
  if (receipt.confidences) return (receipt.unsure_fields ?? []).includes(field);
  return isKey(field) && isUncertain(receipt);
}
