// The claim's audit trail as sentences a worker can read: who did what, and when. Pure, so
// each sentence is unit-tested in both languages.
import type { ClaimEvent } from '../api/types';
import { DECISIONS, oneOf, REASON_CODES } from '../api/types';
import type { Messages } from '../i18n/en';
import type { Language } from '../i18n/language';
import { formatMoney, formatTimestamp } from './format';

export interface TrailContext {
  t: Messages;
  language: Language;
  /** The category's name in the reader's language, from its code. */
  categoryName: (code: string) => string;
  /** Whether the reader owns the claim: "viewed your receipt" rather than "the receipt". */
  ownerIsReading: boolean;
  /** For tests; the browser's own zone otherwise. */
  timeZone?: string;
}

export interface TrailEntry {
  id: number;
  text: string;
  /** Quoted words someone wrote (a note, an appeal), shown apart from the sentence. */
  quote: string | null;
  when: string;
  /** Someone other than the owner and the system looked at or decided something. */
  byReviewer: boolean;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** "Hugo Ramírez (RR. HH.)": the role is said for everyone but the worker themself. */
export function actorName(event: Pick<ClaimEvent, 'actor' | 'actor_role'>, t: Messages): string {
  if (!event.actor) return t.trailSystem;
  const role = event.actor_role;
  if (role === 'hr' || role === 'negotiator' || role === 'admin') return `${event.actor} (${t.roleShort[role]})`;
  return event.actor;
}

function sentence(event: ClaimEvent, context: TrailContext): string {
  const { t, language } = context;
  const who = actorName(event, t);
  const data = event.data;
  const line = event.expense_id ?? Number(data.expense_id ?? 0);
  const currency = text(data.currency) || 'COP';
  const money = (value: unknown) => formatMoney(text(value), currency, language) ?? (text(value) || '—');
  switch (event.kind) {
    case 'expense_created':
      return t.trail.expense_created(who, line, context.categoryName(text(data.category)));
    case 'amount_read':
      return t.trail.amount_read(line, money(data.amount));
    case 'amount_changed':
      return t.trail.amount_changed(who, line, money(data.old), money(data.new));
    case 'claim_created':
      return t.trail.claim_created(who);
    case 'submitted':
      return data.resubmitted === true ? t.trail.resubmitted(who) : t.trail.submitted(who);
    case 'decided': {
      const action = oneOf(DECISIONS, text(data.decision)); // event data is free-form JSON
      let outcome = action ? t.decisions[action] : text(data.decision);
      if (action === 'partial' && data.approved_amount) outcome += ` (${money(data.approved_amount)})`;
      const reason = oneOf(REASON_CODES, text(data.reason_code));
      if (reason) outcome += ` — ${t.trailReason(t.reasons[reason])}`;
      return t.trail.decided(who, line, outcome);
    }
    case 'returned':
      return t.trail.returned(who);
    case 'recalled':
      return t.trail.recalled(who);
    case 'decision_undone': {
      const action = oneOf(DECISIONS, text(data.decision));
      return t.trail.decisionUndone(who, line, action ? t.decisions[action] : text(data.decision));
    }
    case 'appealed':
      return t.trail.appealed(who, line);
    case 'paid':
      return t.trail.paid;
    case 'exported':
      return t.trail.exported;
    case 'receipt_viewed':
      return context.ownerIsReading ? t.trail.receiptViewedYours(who) : t.trail.receiptViewed(who);
    default: {
      // Unreachable while every kind has a sentence; a kind the backend adds fails the type check.
      const unknown: never = event.kind;
      return t.trail.other(String(unknown));
    }
  }
}

export function trailEntry(event: ClaimEvent, context: TrailContext): TrailEntry {
  const note = event.kind === 'decided' || event.kind === 'appealed' ? text(event.data.note).trim() : '';
  return {
    id: event.id,
    text: sentence(event, context),
    quote: note || null,
    when: formatTimestamp(event.at, context.language, context.timeZone) ?? event.at,
    byReviewer: event.actor_role === 'hr' || event.actor_role === 'admin',
  };
}
