"""A person's own pack: the spreadsheet of everything about them, and their clean receipts."""

import datetime as dt
import io

import pytest
from django.core.files.storage import default_storage
from openpyxl import load_workbook

from claims.models import ClaimEvent
from tests.exports.conftest import zip_of
from tests.personas import Api

pytestmark = pytest.mark.django_db


def new_expense(api, **body):
    response = api.post("/expenses", body)
    assert response.status_code == 201, response.content
    return response.json()


@pytest.fixture
def history(api_as, people, read_receipt):
    """Ana's chair, claimed, submitted and approved; HR looked at the receipt."""
    ana, hugo = api_as("owner"), api_as("hr")
    receipt = read_receipt(people["owner"], total="450000")
    expense = new_expense(
        ana, receipt_id=receipt.pk, category="chair", note='=HYPERLINK("http://evil")'
    )
    claim = ana.post("/claims", {"expense_ids": [expense["id"]]}).json()
    ana.post(f"/claims/{claim['id']}/submit")
    hugo.get(f"/receipts/{receipt.pk}/file")
    hugo.post(
        f"/claims/{claim['id']}/decision",
        {"lines": [{"expense_id": expense["id"], "action": "approve"}]},
    )
    # Luis's data must never appear in Ana's pack.
    new_expense(
        api_as("other_worker"),
        receipt_id=read_receipt(people["other_worker"], seed=9, vendor="Luis Shop").pk,
        category="desk",
    )
    return {"receipt": receipt, "expense": expense, "claim": claim}


def test_my_pack_holds_my_data_and_my_clean_receipts(api_as, people, history):
    pack = zip_of(api_as("owner").get("/exports/me"))
    receipt = history["receipt"]
    names = sorted(pack.namelist())
    image = next(n for n in names if n.startswith("receipts/"))
    assert names == sorted(["README.txt", "my-data.xlsx", image])
    with default_storage.open(receipt.file.name, "rb") as stored:
        assert pack.read(image) == stored.read()  # the clean copy, exactly

    book = load_workbook(io.BytesIO(pack.read("my-data.xlsx")))
    assert book.sheetnames == ["About", "Receipts", "Expenses", "Claims", "Events"]
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["User"] == "ana" and about["Employee ID"] == "E-1"

    receipts = list(book["Receipts"].iter_rows(min_row=2, values_only=True))
    assert len(receipts) == 1
    assert receipts[0][0] == receipt.pk and receipts[0][4] == 450000
    assert receipts[0][7] == "Muebles Bogotá S.A.S." and receipts[0][10] == image

    expenses = book["Expenses"]
    assert expenses.max_row == 2  # Luis's desk is not here
    row = [c for c in expenses[2]]
    assert row[0].value == history["expense"]["id"] and row[1].value == "Chair"
    assert row[2].value == dt.datetime.combine(
        dt.date.fromisoformat(history["expense"]["date"]), dt.time()
    )
    assert row[7].value == 450000 and '"COP"' in row[7].number_format
    assert row[12].value == "Approved" and row[13].value == 450000
    note = row[17]
    assert note.value == '=HYPERLINK("http://evil")' and note.data_type == "s" and note.quotePrefix

    claims = list(book["Claims"].iter_rows(min_row=2, values_only=True))
    assert [(c[0], c[1], c[6], c[9]) for c in claims] == [
        (history["claim"]["id"], "Approved", 1, 450000)
    ]
    events = [r[1] for r in book["Events"].iter_rows(min_row=2, values_only=True)]
    for kind in (
        "Expense created",
        "Claim created",
        "Submitted",
        "Receipt viewed",
        "Decided",
        "Exported",
    ):
        assert kind in events
    rows = list(book["Events"].iter_rows(min_row=2, values_only=True))
    viewed = next(r for r in rows if r[1] == "Receipt viewed")
    assert viewed[4] == "Hugo" and viewed[5] == "HR reviewer"
    assert next(r for r in rows if r[1] == "Expense created")[6] == "Category: Chair"
    assert (
        next(r for r in rows if r[1] == "Decided")[6]
        == "Decision: Approved; Amount approved: 450,000.00"
    )


def test_the_pack_speaks_spanish(api_as, history):
    pack = zip_of(api_as("owner", "es").get("/exports/me"))
    assert "mis-datos.xlsx" in pack.namelist() and "LEAME.txt" in pack.namelist()
    assert any(n.startswith("recibos/") for n in pack.namelist())
    book = load_workbook(io.BytesIO(pack.read("mis-datos.xlsx")))
    assert book.sheetnames == ["Acerca de", "Recibos", "Gastos", "Reclamaciones", "Eventos"]
    assert book["Gastos"]["B2"].value == "Silla"
    assert book["Gastos"]["M2"].value == "Aprobado"
    assert book["Reclamaciones"]["B2"].value == "Aprobada"
    rows = list(book["Eventos"].iter_rows(min_row=2, values_only=True))
    assert next(r for r in rows if r[1] == "Enviada")[6] == "Líneas: 1 línea"
    assert next(r for r in rows if r[1] == "Recibo consultado")[5] == "Revisor de RR. HH."
    assert "Generado el " in pack.read("LEAME.txt").decode()


RAW = (
    "expense_created",
    "needs_review",
    "receipt_viewed",
    "worker_pack",
    '{"',
    "confirm_token",
    "_",
)


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_code_reads_raw_in_the_pack(api_as, history, language):
    """Every text cell is words: no status or event code, no JSON, no internal key."""
    pack = zip_of(api_as("owner", language).get("/exports/me"))
    name = "mis-datos.xlsx" if language == "es" else "my-data.xlsx"
    book = load_workbook(io.BytesIO(pack.read(name)))
    texts = [
        cell
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]
    assert texts
    for raw in RAW:
        leaks = [text for text in texts if raw in text and "HYPERLINK" not in text]
        assert not leaks, (raw, leaks)
    money = [c for c in book.worksheets[2]["H"] if isinstance(c.value, int | float)]
    assert money and all('"COP"' in c.number_format for c in money)  # money stays a number


def test_an_admin_produces_the_pack_of_someone_who_has_left(api_as, people, history):
    ana = people["owner"]
    ana.end_date = dt.date.today() - dt.timedelta(days=30)
    ana.save()
    assert api_as("owner").get("/exports/me").status_code == 401  # she can no longer log in
    response = api_as("admin").get(f"/exports/people/{ana.pk}/pack")
    pack = zip_of(response)
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(pack.read("my-data.xlsx")))
    assert book["About"]["B7"].value == dt.datetime.combine(ana.end_date, dt.time())
    assert book["Expenses"].max_row == 2
    exported = ClaimEvent.objects.filter(kind="exported").latest("id")
    assert exported.actor == people["admin"] and exported.data["person_id"] == ana.pk


def test_no_one_else_gets_a_persons_pack(api_as, people, history, other_org):
    from accounts.models import Role, User

    path = f"/exports/people/{people['owner'].pk}/pack"
    for persona in ("other_worker", "hr", "other_hr", "negotiator"):
        assert api_as(persona).get(path).status_code == 404, persona
    foreign_admin = User.objects.create_user(
        username="otto", password="x", organization=other_org, role=Role.ADMIN
    )
    assert Api(foreign_admin).get(path).status_code == 404
    assert api_as("owner").get(path).status_code == 200  # my own, by id
