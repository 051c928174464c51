"""The only code that writes expenses, claims, decisions and audit events, one module per concern:
transitions (the status table) · events (the audit trail) · expenses · submission (a worker's
claims) · limits (locks, judging the queue again) · review (HR's decisions, appeals) ·
second_thoughts (recall, undo) · payment · rates."""

from claims.services.events import event_record, receipt_viewed
from claims.services.expenses import ExpenseFields, expense_create, expense_delete, expense_update
from claims.services.payment import claims_mark_paid
from claims.services.rates import rate_set
from claims.services.review import LineDecision, claim_approve_clean, claim_decide, line_appeal
from claims.services.second_thoughts import claim_opened, claim_recall, decision_undo
from claims.services.submission import claim_create, claim_set_lines, claim_submit
from claims.services.transitions import TRANSITIONS, transition

__all__ = [
    "TRANSITIONS",
    "ExpenseFields",
    "LineDecision",
    "claim_approve_clean",
    "claim_create",
    "claim_decide",
    "claim_opened",
    "claim_recall",
    "claim_set_lines",
    "claim_submit",
    "claims_mark_paid",
    "decision_undo",
    "event_record",
    "expense_create",
    "expense_delete",
    "expense_update",
    "line_appeal",
    "rate_set",
    "receipt_viewed",
    "transition",
]
