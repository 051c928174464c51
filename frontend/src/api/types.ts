// Names for the generated schema types, so components never spell out the components[...] path.
import type { components, paths } from './schema';

export type Receipt = components['schemas']['ReceiptOut'];
export type ReceiptSummary = components['schemas']['ReceiptListOut'];
export type ReceiptPage = components['schemas']['PagedReceiptListOut'];
export type Candidate = components['schemas']['CandidateOut'];
export type Me = components['schemas']['MeOut'];

/** The upload's 201 body, taken from the operation so it follows the schema if that changes. */
export type UploadedReceipt = paths['/api/receipts']['post']['responses'][201]['content']['application/json'];

// The schema's enums (the backend's TextChoices), by their own names.
type Schemas = components['schemas'];
export type ReceiptStatus = Schemas['ReceiptStatus'];
export type ReceiptKind = Schemas['ReceiptKind'];
export type ReadingSource = Schemas['ReadingSource'];
export type Role = Schemas['Role'];
export type ClaimStatus = Schemas['ClaimStatus'];
export type DecisionAction = Schemas['Decision'];
export type ReasonCode = Schemas['ReasonCode'];
export type FlagKind = Schemas['FlagKind'];
export type EventKind = Schemas['EventKind'];
export type PolicyKind = Schemas['PolicyKind'];
export type AdminEventKind = Schemas['AdminEventKind'];

/**
 * Every value of an enum in the order a person reads them. `everyOf<ClaimStatus>()([...])`
 * fails to type-check while the list lacks a value the schema has (or holds one it has not),
 * so a value added in the backend is not silently left out of a menu.
 */
export const everyOf =
  <T extends string>() =>
  <const L extends readonly T[]>(
    list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): L =>
    list;

export const ROLES = everyOf<Role>()(['worker', 'hr', 'negotiator', 'admin']);
export const CLAIM_STATUSES = everyOf<ClaimStatus>()([
  'draft',
  'submitted',
  'returned',
  'approved',
  'partially_approved',
  'rejected',
  'partially_paid',
  'paid',
]);
export const DECISIONS = everyOf<DecisionAction>()(['approve', 'partial', 'reject', 'return']);
export const REASON_CODES = everyOf<ReasonCode>()([
  'over_cap',
  'duplicate',
  'not_eligible',
  'unreadable_receipt',
  'outside_window',
  'missing_info',
  'other',
]);

/** For values that arrive as text (a URL's query, a figure the schema leaves a string). */
export function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | null {
  return value != null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

export function isStillReading(status: ReceiptStatus): boolean {
  return status === 'queued' || status === 'processing';
}

export type Category = components['schemas']['CategoryOut'];
export type Expense = components['schemas']['ExpenseOut'];
export type ExpenseFlag = components['schemas']['FlagOut'];
export type ExpenseInput = components['schemas']['ExpenseIn'];
export type ExpensePatch = components['schemas']['ExpensePatch'];
export type Claim = components['schemas']['ClaimOut'];
export type ClaimSummary = components['schemas']['ClaimSummaryOut'];
export type ClaimPage = components['schemas']['PagedClaimSummaryOut'];
export type ClaimEvent = components['schemas']['EventOut'];
export type Rate = components['schemas']['RateOut'];
export type DecisionInput = components['schemas']['DecisionIn'];
export type LineDecisionInput = components['schemas']['LineDecisionIn'];

/** A worker may change the lines (and their amounts) only while the claim is theirs to edit. */
export function isEditable(status: ClaimStatus): boolean {
  return status === 'draft' || status === 'returned';
}

export type PayrollBatch = components['schemas']['PayrollBatchOut'];
export type PayrollPreview = components['schemas']['PayrollPreviewOut'];
export type Bargaining = components['schemas']['BargainingOut'];
export type Figures = components['schemas']['FiguresOut'];
