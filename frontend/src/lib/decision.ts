// HR's line-by-line decision, from what the form holds to the POST /decision body. Checked
// here first so each mistake is shown on its own line before anything is sent.
import type { DecisionAction, DecisionInput, Expense, ReasonCode } from '../api/types';
import type { Language } from '../i18n/language';
import { compareAmounts, parseAmount } from './amount';

export interface LineDraft {
  action: DecisionAction | '';
  /** The partly approved amount, as typed. */
  amount: string;
  reason: ReasonCode | '';
  note: string;
  /** Approved above what the policy allows: needs a reason code, the API checks nothing more. */
  override: boolean;
}

export type LineProblem = 'reasonRequired' | 'amountInvalid' | 'amountRange';

export const emptyLineDraft = (): LineDraft => ({ action: '', amount: '', reason: '', note: '', override: false });

/** Only an approval (whole or in part) can go above the policy. */
export const canOverride = (action: LineDraft['action']): boolean => action === 'approve' || action === 'partial';

/** Only lines nobody has decided yet can be decided. */
export const pendingLines = (lines: readonly Expense[]) => lines.filter((line) => !line.decision);

export type DecisionChecked =
  { ok: true; body: DecisionInput } | { ok: false; nothingChosen: boolean; problems: Record<number, LineProblem> };

export function buildDecision(
  lines: readonly Expense[],
  drafts: Readonly<Record<number, LineDraft>>,
  version: number,
  language: Language,
): DecisionChecked {
  const problems: Record<number, LineProblem> = {};
  const body: DecisionInput = { lines: [], version };
  for (const line of pendingLines(lines)) {
    const draft = drafts[line.id];
    if (!draft?.action) continue;
    const note = draft.note.trim();
    const override = draft.override && canOverride(draft.action);
    if (draft.action === 'approve' && !override) {
      body.lines.push({ expense_id: line.id, action: 'approve', note, override: false });
      continue;
    }
    if (!draft.reason) {
      problems[line.id] = 'reasonRequired';
      continue;
    }
    if (draft.action === 'approve') {
      // Above the policy: the whole (converted) amount, which the API fills in.
      body.lines.push({ expense_id: line.id, action: 'approve', reason_code: draft.reason, note, override: true });
      continue;
    }
    if (draft.action === 'partial') {
      const amount = parseAmount(draft.amount, language);
      // The API's rule: more than nothing, less than the whole (converted) amount.
      const ceiling = line.converted_amount ?? line.amount;
      if (amount === null) problems[line.id] = 'amountInvalid';
      else if (compareAmounts(amount, '0') <= 0 || compareAmounts(amount, ceiling) >= 0) {
        problems[line.id] = 'amountRange';
      } else {
        body.lines.push({
          expense_id: line.id,
          action: 'partial',
          approved_amount: amount,
          reason_code: draft.reason,
          note,
          override,
        });
      }
      continue;
    }
    body.lines.push({ expense_id: line.id, action: draft.action, reason_code: draft.reason, note, override: false });
  }
  if (Object.keys(problems).length > 0) return { ok: false, nothingChosen: false, problems };
  if (body.lines.length === 0) return { ok: false, nothingChosen: true, problems };
  return { ok: true, body };
}

/** After a reload, keep only the choices for lines that are still waiting for a decision. */
export function keepPendingDrafts(
  lines: readonly Expense[],
  drafts: Readonly<Record<number, LineDraft>>,
): Record<number, LineDraft> {
  const kept: Record<number, LineDraft> = {};
  for (const line of pendingLines(lines)) kept[line.id] = drafts[line.id] ?? emptyLineDraft();
  return kept;
}
