"""Demo receipts, expenses and claims, so every role has something to look at in `make run`.

The receipts are drawn tickets read by the real pipeline; dates follow today's date so they stay
inside the claim window. Seeded once: nothing is added when the demo workers already have receipts.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from claims import services as claims
from receipts import services as receipts
from receipts.drawn import ticket
from receipts.models import Receipt


def _ticket_lines(vendor: str, nit: str, day, item: str, total: str, paid: str) -> list[str]:
    return [
        vendor,
        f"NIT {nit}",
        f"Fecha: {day:%d/%m/%Y}",
        f"{item:<22}  $ {total}",
        f"TOTAL A PAGAR           $ {total}",
        f"{paid:<22}  $ {total}",
    ]


def _read(owner: User, lines: list[str], name: str) -> Receipt:
    upload = SimpleUploadedFile(name, ticket(lines))
    receipt = receipts.receipt_upload(owner=owner, file=upload)
    receipts.receipt_read(receipt_id=receipt.pk)  # inline, so the demo is ready at once
    return Receipt.objects.get(pk=receipt.pk)


def _expense(owner: User, receipt: Receipt, category: str, **fields):
    found = claims.ExpenseFields(category=category, **fields)
    return claims.expense_create(owner=owner, receipt_id=receipt.pk, fields=found)


def seed_demo_claims() -> bool:
    ana, luis, hugo = (User.objects.get(username=u) for u in ("ana", "luis", "hugo"))
    if Receipt.objects.filter(owner__in=[ana, luis]).exists():
        return False
    today = timezone.localdate()
    chair = _read(
        ana,
        _ticket_lines("MUEBLES LA 14 S.A.S.", "890.300.346-1", today - timedelta(days=12),
                      "SILLA ERGONOMICA", "689.900", "TARJETA"),
        "silla.jpg",
    )  # fmt: skip
    internet = _read(
        ana,
        _ticket_lines("CONECTA TELECOM S.A.S. E.S.P.", "900.555.123-4", today - timedelta(days=5),
                      "PLAN HOGAR 200 MEGAS", "95.000", "DEBITO"),
        "internet.jpg",
    )  # fmt: skip
    desk = _read(
        luis,
        _ticket_lines("HOMECENTER BOGOTA", "800.242.106-2", today - timedelta(days=20),
                      "ESCRITORIO 120X60", "379.900", "EFECTIVO"),
        "escritorio.jpg",
    )  # fmt: skip
    # Fallbacks keep the demo whole even if a reading comes out unsure.
    ana_lines = [
        _expense(ana, chair, "chair", **_fallback(chair, "689900", today - timedelta(days=12))),
        _expense(
            ana, internet, "internet", **_fallback(internet, "95000", today - timedelta(days=5))
        ),
    ]
    ana_claim = claims.claim_create(owner=ana, expense_ids=[e.pk for e in ana_lines])
    claims.claim_submit(claim=ana_claim, actor=ana)

    luis_line = _expense(
        luis, desk, "desk", **_fallback(desk, "379900", today - timedelta(days=20))
    )
    luis_claim = claims.claim_create(owner=luis, expense_ids=[luis_line.pk])
    claims.claim_submit(claim=luis_claim, actor=luis)
    claims.claim_decide(
        claim=luis_claim,
        reviewer=hugo,
        decisions=[claims.LineDecision(expense_id=luis_line.pk, action="approve")],
    )
    return True


def _fallback(receipt: Receipt, amount: str, day) -> dict:
    fields: dict = {}
    if receipt.total is None:
        fields["amount"] = Decimal(amount)
    if receipt.date is None:
        fields["date"] = day
    return fields
