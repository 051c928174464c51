"""HR decides a claim: the worker sees it under the header's bell, and the decision mail reaches
a real SMTP server without an amount or a vendor."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP
from tests.e2e.test_accessibility import axe_problems
from tests.e2e.test_worker_receipts import log_in
from tests.receipts import samples
from tests.smtp import smtp as smtp
from tests.smtp import smtp_server as smtp_server

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

AMOUNT = "487650"
VENDOR = "Muebles Quetzal Dorado"


@pytest.fixture
def submitted_claim(people) -> int:
    """Ana's submitted claim for a chair, from a receipt already read (no OCR here)."""
    from claims import services as claims
    from demo.management.commands.demo import seed_categories
    from receipts.models import Receipt, ReceiptStatus

    owner = people["owner"]
    seed_categories(owner.organization)
    for user in people.values():
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    name = default_storage.save("receipts/e2e/chair.png", ContentFile(samples.png_bytes()))
    receipt = Receipt.objects.create(
        owner=owner,
        organization=owner.organization,
        kind="image",
        file=name,
        content_type="image/png",
        size=1,
        sha256="1" * 64,
        phash="0" * 16,
        width=480,
        height=720,
        status=ReceiptStatus.DONE,
        total=Decimal(AMOUNT),
        currency="COP",
        date=timezone.localdate() - timedelta(days=3),
        vendor=VENDOR,
        confidence=0.95,
        source="ocr",
    )
    expense = claims.expense_create(
        owner=owner, receipt_id=receipt.pk, fields=claims.ExpenseFields(category="chair")
    )
    claim = claims.claim_create(owner=owner, expense_ids=[expense.pk])
    claims.claim_submit(claim=claim, actor=owner)
    return claim.pk


def test_hr_decides_and_the_worker_is_told_in_the_app_and_by_mail(browse, submitted_claim, smtp):
    hr = browse(viewport=DESKTOP)
    review = log_in(hr, "hugo", path=f"/review/{submitted_claim}")
    review.get_by_role("button", name="Aprobar todas las líneas limpias").click()
    expect(review.locator(".badge").first).to_have_text("Aprobada")

    # The mail, sent by the task after the decision committed: what happened and a link only.
    deadline = timezone.now() + timedelta(seconds=15)
    while not smtp.to("ana@example.org") and timezone.now() < deadline:
        review.wait_for_timeout(200)
    [mail] = smtp.to("ana@example.org")
    assert mail.subject == f"Su reclamación #{submitted_claim} tiene una decisión"
    assert f"/claims/{submitted_claim}" in mail.body
    for secret in (AMOUNT, "487.650", VENDOR, "Quetzal"):
        assert secret not in mail.text(), secret

    worker = browse(bypass_csp=True)  # for axe's script tag
    page = log_in(worker, "ana")
    bell = page.get_by_role("link", name="Notificaciones, 1 sin leer")
    expect(bell).to_be_visible()
    bell.click()
    expect(page.get_by_role("heading", name="Notificaciones", level=1)).to_be_visible()
    expect(page.get_by_role("checkbox", name="Avisarme también por correo")).to_be_checked()
    item = page.get_by_role("link", name=f"Su reclamación #{submitted_claim} tiene una decisión")
    expect(item).to_be_visible()
    assert axe_problems(page) == []
    item.click()
    expect(page).to_have_url(re.compile(f"/claims/{submitted_claim}$"))
    expect(page.get_by_role("link", name="Notificaciones, ninguna sin leer")).to_be_visible()
    assert hr.errors == [] and worker.errors == []
