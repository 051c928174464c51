from datetime import date

from django.db.models import Prefetch
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from accounts import access
from accounts.auth import AuthedRequest
from claims import schemas, selectors, services
from claims.models import Claim, Expense
from core.schemas import Id, Pages

router = Router(tags=["claims"])


def _fields(payload: schemas.ExpenseIn | schemas.ExpensePatch) -> services.ExpenseFields:
    data = payload.dict(exclude_unset=True)
    data.pop("receipt_id", None)
    return services.ExpenseFields(**data)


def _with_lines(claims):
    lines = Expense.objects.select_related(
        "category", "policy", "organization", "receipt", "payroll_line"
    )
    return claims.select_related("owner", "organization", "decided_by").prefetch_related(
        Prefetch("lines", queryset=lines)
    )


def _claim(request: AuthedRequest, claim_id: Id) -> Claim:
    selectors.claim_for(request.auth, claim_id)  # 404 unless visible
    claim = _with_lines(Claim.objects.filter(pk=claim_id)).get()
    selectors.flags_shown_to(request.auth, list(claim.lines.all()))
    return claim


@router.get("/categories", response=list[schemas.CategoryOut])
def categories(request: AuthedRequest):
    """The organisation's categories with the policy in force today."""
    return selectors.category_rows(request.auth)


@router.post("/expenses", response={201: schemas.ExpenseOut})
def expense_create(request: AuthedRequest, payload: schemas.ExpenseIn):
    expense = services.expense_create(
        owner=request.auth, receipt_id=payload.receipt_id, fields=_fields(payload)
    )
    return Status(201, expense)


@router.get("/expenses", response=list[schemas.ExpenseOut])
@paginate(Pages, page_size=50)
def expenses_list(request: AuthedRequest, receipt_id: Id | None = None):
    """My expenses; `receipt_id` finds the one made from a receipt."""
    expenses = selectors.expenses_of(request.auth).select_related("policy", "organization")
    return expenses.filter(receipt_id=receipt_id) if receipt_id is not None else expenses


@router.get("/expenses/{expense_id}", response=schemas.ExpenseOut)
def expense_detail(request: AuthedRequest, expense_id: Id):
    return selectors.expense_for(request.auth, expense_id)


@router.patch("/expenses/{expense_id}", response=schemas.ExpenseOut)
def expense_update(request: AuthedRequest, expense_id: Id, payload: schemas.ExpensePatch):
    expense = selectors.expense_for(request.auth, expense_id)
    return services.expense_update(expense=expense, actor=request.auth, fields=_fields(payload))


@router.delete("/expenses/{expense_id}", response={204: None})
def expense_delete(request: AuthedRequest, expense_id: Id):
    services.expense_delete(expense=selectors.expense_for(request.auth, expense_id))
    return Status(204, None)


@router.post("/expenses/{expense_id}/appeal", response=schemas.ClaimOut)
def expense_appeal(request: AuthedRequest, expense_id: Id, payload: schemas.AppealIn):
    """Appeal a rejected line once, with a note; the claim goes back to review."""
    expense = selectors.expense_for(request.auth, expense_id)
    claim = services.line_appeal(expense=expense, owner=request.auth, note=payload.note)
    return _claim(request, claim.pk)


@router.post("/claims", response={201: schemas.ClaimOut})
def claim_create(request: AuthedRequest, payload: schemas.ClaimIn):
    claim = services.claim_create(owner=request.auth, expense_ids=payload.expense_ids)
    return Status(201, _claim(request, claim.pk))


class ClaimFilters(Schema):
    status: str | None = None
    category: str | None = None
    flagged: bool | None = None
    worker: str | None = None
    period_from: date | None = None
    period_to: date | None = None
    mine: bool = False


@router.get("/claims", response=list[schemas.ClaimSummaryOut])
@paginate(Pages, page_size=50)
def claims_list(request: AuthedRequest, filters: Query[ClaimFilters]):
    """Mine (newest first); for HR, the organisation's review queue (oldest first, filtered)."""
    user = request.auth
    if access.can_review(user) and not filters.mine:
        claims = selectors.review_queue(user, **filters.dict(exclude={"mine"}))
    else:
        claims = Claim.objects.filter(owner=user)
        if filters.status:
            claims = claims.filter(status=filters.status)
    return _with_lines(claims)


@router.get("/claims/{claim_id}", response=schemas.ClaimOut)
def claim_detail(request: AuthedRequest, claim_id: Id):
    """A claim with its lines; HR opening a submitted claim ends the worker's chance to recall it."""
    services.claim_opened(claim=selectors.claim_for(request.auth, claim_id), viewer=request.auth)
    return _claim(request, claim_id)


@router.post("/claims/{claim_id}/recall", response=schemas.ClaimOut)
def claim_recall(request: AuthedRequest, claim_id: Id):
    """The worker takes a submitted claim back to draft, until HR first opens it."""
    services.claim_recall(claim=selectors.claim_mine(request.auth, claim_id), owner=request.auth)
    return _claim(request, claim_id)


@router.post("/claims/{claim_id}/lines/{expense_id}/undo", response=schemas.ClaimOut)
def decision_undo(request: AuthedRequest, claim_id: Id, expense_id: Id):
    """HR takes back a line's decision, until the line is in a payroll batch."""
    claim = selectors.claim_for(request.auth, claim_id)
    services.decision_undo(claim=claim, reviewer=request.auth, expense_id=expense_id)
    return _claim(request, claim_id)


@router.patch("/claims/{claim_id}", response=schemas.ClaimOut)
def claim_set_lines(request: AuthedRequest, claim_id: Id, payload: schemas.ClaimLinesIn):
    claim = selectors.claim_mine(request.auth, claim_id)
    services.claim_set_lines(claim=claim, expense_ids=payload.expense_ids)
    return _claim(request, claim_id)


@router.post("/claims/{claim_id}/submit", response=schemas.ClaimOut)
def claim_submit(request: AuthedRequest, claim_id: Id):
    claim = selectors.claim_mine(request.auth, claim_id)
    services.claim_submit(claim=claim, actor=request.auth)
    return _claim(request, claim_id)


@router.post("/claims/{claim_id}/decision", response=schemas.ClaimOut)
def claim_decide(request: AuthedRequest, claim_id: Id, payload: schemas.DecisionIn):
    """HR decides lines: approve, partial (with approved_amount), reject or return, with a reason."""
    claim = selectors.claim_for(request.auth, claim_id)
    decisions = [
        services.LineDecision(
            expense_id=line.expense_id,
            action=line.action,
            approved_amount=line.approved_amount,
            reason_code=line.reason_code or "",
            note=line.note,
            override=line.override,
        )
        for line in payload.lines
    ]
    services.claim_decide(
        claim=claim, reviewer=request.auth, decisions=decisions, version=payload.version
    )
    return _claim(request, claim_id)


@router.post("/claims/{claim_id}/approve-clean", response=schemas.ClaimOut)
def claim_approve_clean(request: AuthedRequest, claim_id: Id):
    """Approve every pending line that has no duplicate flag and no policy objection."""
    claim = selectors.claim_for(request.auth, claim_id)
    services.claim_approve_clean(claim=claim, reviewer=request.auth)
    return _claim(request, claim_id)


@router.get("/claims/{claim_id}/events", response=list[schemas.EventOut])
def claim_events(request: AuthedRequest, claim_id: Id):
    """The claim's audit trail, including who viewed its receipts."""
    claim = selectors.claim_for(request.auth, claim_id)
    return [
        {
            "id": event.pk,
            "kind": event.kind,
            "actor": event.actor.get_full_name() or event.actor.username if event.actor else None,
            "actor_role": event.actor.role if event.actor else None,
            "at": event.created_at,
            "expense_id": event.expense_id,
            "data": event.data,
        }
        for event in selectors.events_of(claim)
    ]


@router.get("/rates", response=list[schemas.RateOut])
def rates_list(request: AuthedRequest):
    return selectors.rates_of(request.auth)


@router.put("/rates", response=schemas.RateOut)
def rate_set(request: AuthedRequest, payload: schemas.RateIn):
    """Set the monthly rate to the organisation's currency (HR and admins)."""
    access.require(access.can_manage_rates(request.auth))
    rate = services.rate_set(
        organization_id=request.auth.organization_id or 0,
        month=payload.month,
        currency=payload.currency,
        rate=payload.rate,
    )
    return {"month": f"{rate.month:%Y-%m}", "currency": rate.currency, "rate": str(rate.rate)}
