import { describe, expect, it } from 'vitest';
import type { PolicyVersion } from './admin';
import { policyDraft, policyInput, signedDecimal } from './policy';

const internet: PolicyVersion = {
  version: 'internet 2026-01-01',
  effective_from: '2026-01-01',
  kind: 'monthly',
  currency: 'COP',
  cap: '120000.00',
  replacement_months: null,
  work_use_percent: '50.00',
  legal_floor: null,
  payroll_concept: 'AUX-CONECT',
  claim_window_days: 60,
  receipt_required: true,
  in_use: true,
};

describe('signedDecimal', () => {
  it('reads amounts the reader’s way and keeps a minus sign for the API to judge', () => {
    expect(signedDecimal('1.250.000', 'es-CO')).toBe('1250000');
    expect(signedDecimal('1,250,000.50', 'en')).toBe('1250000.5');
    expect(signedDecimal('-5.000', 'es-CO')).toBe('-5000');
    expect(signedDecimal('150', 'en')).toBe('150');
    expect(signedDecimal('12,5', 'es-CO')).toBe('12.5');
    expect(signedDecimal('-0', 'en')).toBe('0');
    expect(signedDecimal('mucho', 'es-CO')).toBeNull();
  });
});

describe('policy form', () => {
  it('starts a new version from the terms of the one before, on the date given', () => {
    expect(policyDraft(internet, 'es-CO', '2026-07-01')).toEqual({
      effective_from: '2026-07-01',
      kind: 'monthly',
      cap: '120.000',
      replacement_months: '',
      work_use_percent: '50',
      legal_floor: '',
      payroll_concept: 'AUX-CONECT',
      claim_window_days: '60',
      receipt_required: true,
    });
  });

  it('turns the form into the API body', () => {
    const draft = { ...policyDraft(internet, 'es-CO', '2026-07-01'), cap: '150.000', replacement_months: '36' };
    expect(policyInput(draft, 'es-CO')).toEqual({
      ok: true,
      body: {
        effective_from: '2026-07-01',
        kind: 'monthly',
        cap: '150000',
        replacement_months: 36,
        work_use_percent: '50',
        legal_floor: null,
        payroll_concept: 'AUX-CONECT',
        claim_window_days: 60,
        receipt_required: true,
      },
    });
  });

  it('leaves ranges to the API but refuses what is not a number or missing', () => {
    const over = policyInput(
      { ...policyDraft(null, 'en', '2026-07-01'), payroll_concept: 'X', work_use_percent: '150' },
      'en',
    );
    expect(over).toMatchObject({ ok: true, body: { work_use_percent: '150', cap: null } });
    const wrong = policyInput(
      { ...policyDraft(null, 'en', ''), cap: 'lots', work_use_percent: '', replacement_months: '1.5' },
      'en',
    );
    expect(wrong).toEqual({
      ok: false,
      errors: {
        effective_from: 'required',
        cap: 'invalid',
        work_use_percent: 'required',
        replacement_months: 'invalid',
        payroll_concept: 'required',
      },
    });
  });
});
