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
