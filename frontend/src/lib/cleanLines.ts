// HR's "approve the clean lines" across claims: which lines the API will approve, and what they
// add up to, so the count and the total are shown before anything is sent.
import type { Claim, Expense } from '../api/types';

/** The API's rule (claim_is_clean_line): waiting, no duplicate flag, no policy objection, something eligible. */
export function isCleanLine(line: Expense): boolean {
  return (
    !line.decision &&
    line.flags.length === 0 &&
    !line.eligibility_reason &&
    line.eligible_amount != null &&
    /[1-9]/.test(line.eligible_amount)
  );
}

/** Exact sum of non-negative decimal strings ("1250000.5" + "0.25" = "1250000.75"), no floats. */
export function sumAmounts(amounts: readonly string[]): string {
  const digits = Math.max(0, ...amounts.map((amount) => (amount.split('.')[1] ?? '').length));
  const scale = 10n ** BigInt(digits);
  let total = 0n;
  for (const amount of amounts) {
    const [whole = '0', fraction = ''] = amount.split('.');
    total += BigInt(whole || '0') * scale + BigInt(fraction.padEnd(digits, '0') || '0');
  }
  const text = total.toString().padStart(digits + 1, '0');
  return digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
}

export interface CleanPlan {
  /** Claims that have at least one clean line, with how many. */
  claims: { id: number; lines: number }[];
  lines: number;
  /** Eligible totals per currency (an organisation has one, but nothing here assumes it). */
  totals: { currency: string; amount: string }[];
}

export function planClean(claims: readonly Claim[]): CleanPlan {
  const plan: CleanPlan = { claims: [], lines: 0, totals: [] };
  const byCurrency = new Map<string, string[]>();
  for (const claim of claims) {
    if (claim.status !== 'submitted') continue;
    const clean = claim.lines.filter(isCleanLine);
    if (clean.length === 0) continue;
    plan.claims.push({ id: claim.id, lines: clean.length });
    plan.lines += clean.length;
    for (const line of clean) {
      const currency = line.eligible_currency || claim.currency;
      byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), line.eligible_amount ?? '0']);
    }
  }
  plan.totals = [...byCurrency].map(([currency, amounts]) => ({ currency, amount: sumAmounts(amounts) }));
  return plan;
}
