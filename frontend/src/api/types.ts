// Names for the generated schema types, so components never spell out the components[...] path.
import type { components, paths } from './schema';

export type Receipt = components['schemas']['ReceiptOut'];
export type ReceiptSummary = components['schemas']['ReceiptListOut'];
export type ReceiptPage = components['schemas']['PagedReceiptListOut'];
export type Candidate = components['schemas']['CandidateOut'];
export type Me = components['schemas']['MeOut'];

/** The upload's 201 body, taken from the operation so it follows the schema if that changes. */
export type UploadedReceipt =
  paths['/api/receipts']['post']['responses'][201]['content']['application/json'];

// The schema types these as plain strings; the UI knows their values (see receipts/models.py).
export const READING_STATUSES = ['queued', 'processing', 'done', 'needs_review', 'failed'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];
export const ROLES = ['worker', 'hr', 'negotiator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isStillReading(status: string): boolean {
  return status === 'queued' || status === 'processing';
}

export function readingStatus(status: string): ReadingStatus | null {
  return (READING_STATUSES as readonly string[]).includes(status)
    ? (status as ReadingStatus)
    : null;
}

export function role(value: string): Role | null {
  return (ROLES as readonly string[]).includes(value) ? (value as Role) : null;
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
export type DecisionAction = components['schemas']['Decision'];
export type ReasonCode = components['schemas']['ReasonCode'];

// Kept in the order a person reads them (claims/models.py has the same values).
export const CLAIM_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'partially_approved',
  'rejected',
  'paid',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const DECISIONS: readonly DecisionAction[] = ['approve', 'partial', 'reject', 'return'];
export const REASON_CODES: readonly ReasonCode[] = [
  'over_cap',
  'duplicate',
  'not_eligible',
  'unreadable_receipt',
  'outside_window',
  'missing_info',
  'other',
];
export const FLAG_KINDS = ['same_file', 'similar_image', 'same_cufe', 'same_vendor_amount_date'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | null {
  return value != null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

export const claimStatus = (value: string): ClaimStatus | null => oneOf(CLAIM_STATUSES, value);
export const decisionAction = (value: string | null): DecisionAction | null => oneOf(DECISIONS, value);
export const reasonCode = (value: string | null): ReasonCode | null => oneOf(REASON_CODES, value);
export const flagKind = (value: string): FlagKind | null => oneOf(FLAG_KINDS, value);

/** A worker may change the lines (and their amounts) only while the claim is theirs to edit. */
export function isEditable(status: string): boolean {
  return status === 'draft' || status === 'returned';
}

export type PayrollBatch = components['schemas']['PayrollBatchOut'];
export type Bargaining = components['schemas']['BargainingOut'];
export type Figures = components['schemas']['FiguresOut'];
