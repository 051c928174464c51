// The policy-version form: amounts typed the reader's way ("1.250.000") to the API's decimal
// strings. Only the format is checked here; the rules (no negative cap, work use up to 100 %,
// one version per date) are the API's, and its refusals are shown next to the fields.
import type { Language } from '../i18n/language';
import type { PolicyInput, PolicyVersion } from './admin';
import { amountForInput, parseAmount } from './amount';

export interface PolicyDraft {
  effective_from: string; // yyyy-mm-dd
  kind: 'one_time' | 'monthly';
  cap: string;
  replacement_months: string;
  work_use_percent: string;
  legal_floor: string;
  payroll_concept: string;
  claim_window_days: string;
  receipt_required: boolean;
}

export type PolicyField = Exclude<keyof PolicyDraft, 'receipt_required'>;
export type PolicyErrors = Partial<Record<PolicyField, 'required' | 'invalid'>>;

/** A version's terms to start a new one from (or to correct it), or the API's defaults. */
export function policyDraft(version: PolicyVersion | null, language: Language, effectiveFrom: string): PolicyDraft {
  const text = (value: string | null) => (value == null ? '' : amountForInput(value, language));
  return {
    effective_from: effectiveFrom,
    kind: version?.kind === 'monthly' ? 'monthly' : 'one_time',
    cap: text(version?.cap ?? null),
    replacement_months: version?.replacement_months?.toString() ?? '',
    work_use_percent: text(version?.work_use_percent ?? '100'),
    legal_floor: text(version?.legal_floor ?? null),
    payroll_concept: version?.payroll_concept ?? '',
    claim_window_days: String(version?.claim_window_days ?? 90),
    receipt_required: version?.receipt_required ?? true,
  };
}

/** A number as typed, sign kept ("-5.000" -> "-5000"), or null when it is not one. */
export function signedDecimal(text: string, language: Language): string | null {
  const trimmed = text.trim();
  const negative = /^[-−]/.test(trimmed);
  const value = parseAmount(negative ? trimmed.slice(1) : trimmed, language, 2);
  return value === null ? null : negative && value !== '0' ? `-${value}` : value;
}

function whole(text: string): number | null {
  return /^-?\d{1,9}$/.test(text.trim()) ? Number.parseInt(text.trim(), 10) : null;
}

export type PolicyResult = { ok: true; body: PolicyInput } | { ok: false; errors: PolicyErrors };

export function policyInput(draft: PolicyDraft, language: Language): PolicyResult {
  const errors: PolicyErrors = {};
  const optional = (field: 'cap' | 'legal_floor') => {
    if (!draft[field].trim()) return null;
    const value = signedDecimal(draft[field], language);
    if (value === null) errors[field] = 'invalid';
    return value;
  };
  const required = <T>(field: PolicyField, parse: (text: string) => T | null): T | null => {
    if (!draft[field].trim()) {
      errors[field] = 'required';
      return null;
    }
    const value = parse(draft[field]);
    if (value === null) errors[field] = 'invalid';
    return value;
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.effective_from))
    errors.effective_from = draft.effective_from ? 'invalid' : 'required';
  const cap = optional('cap');
  const legalFloor = optional('legal_floor');
  const workUse = required('work_use_percent', (text) => signedDecimal(text, language));
  const window = required('claim_window_days', whole);
  const concept = required('payroll_concept', (text) => text.trim());
  let months: number | null = null;
  if (draft.replacement_months.trim()) {
    months = whole(draft.replacement_months);
    if (months === null) errors.replacement_months = 'invalid';
  }
  if (Object.keys(errors).length > 0 || workUse === null || window === null || concept === null) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    body: {
      effective_from: draft.effective_from,
      kind: draft.kind,
      cap,
      replacement_months: months,
      work_use_percent: workUse,
      legal_floor: legalFloor,
      payroll_concept: concept,
      claim_window_days: window,
      receipt_required: draft.receipt_required,
    },
  };
}
