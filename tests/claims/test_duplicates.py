"""Duplicate alerts that mean it: a re-shot picture is flagged, a recurring bill of the same layout
is not, each flag names the other expense and receipt as far as the viewer may know them, and the
near-picture lookup reads the band indexes instead of every receipt."""

import importlib
import io
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image, ImageDraw, ImageEnhance

from claims.duplicates import (
    NEAR_DUPLICATE_BITS,
    Reading,
    band_candidates,
    contradicts,
    near_receipts,
)
from receipts.models import Receipt, ReceiptStatus, phash_bands
from receipts.ocr.images import hamming
from receipts.services import receipt_upload
from tests.receipts import samples


def bill_picture(amount: int, day: date) -> Image.Image:
    """One ISP's monthly bill: the same layout every month, only the amount and date printed
    differ (as bars, one per digit, their width following the digit)."""
    img = samples.receipt_image(seed=40)
    draw = ImageDraw.Draw(img)
    for (left, top, right, bottom), digits in (
        ((300, 560, 470, 600), f"{amount:07d}"),
        ((20, 80, 200, 100), day.strftime("%Y%m%d")),
    ):
        draw.rectangle((left, top, right, bottom), fill="white")
        step = (right - left) // len(digits)
        for i, digit in enumerate(digits):
            x = left + 2 + i * step
            draw.rectangle((x, top + 2, x + 5 + int(digit), bottom - 2), fill=(20, 20, 20))
    return img


def reshot(img: Image.Image) -> Image.Image:
    """The same paper photographed again: turned a little, framed differently, darker."""
    turned = img.rotate(1.2, resample=Image.Resampling.BICUBIC, fillcolor="white")
    width, height = turned.size
    framed = turned.crop((6, 8, width - 4, height - 5))
    framed = framed.resize((int(width * 0.93), int(height * 0.93)))
    return ImageEnhance.Brightness(framed).enhance(0.92)


def jpeg(img: Image.Image) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


@pytest.fixture
def bill(categories):
    """Upload a picture as `user` and record what was read from it (None: not read)."""

    def make(user, picture: Image.Image, *, total: str | None, day: date | None, **reading):
        upload = SimpleUploadedFile("bill.jpg", jpeg(picture))
        receipt = receipt_upload(owner=user, file=upload)
        Receipt.objects.filter(pk=receipt.pk).update(
            status=ReceiptStatus.DONE,
            total=None if total is None else Decimal(total),
            currency="COP",
            date=day,
            vendor="Claro",
            confidence=0.9,
            source="ocr",
            **reading,
        )
        return Receipt.objects.get(pk=receipt.pk)

    return make


def internet_expense(api, receipt, **fields):
    response = api.post("/expenses", {"receipt_id": receipt.pk, "category": "internet", **fields})
    assert response.status_code == 201, response.content
    return response.json()


def submit(api, *expense_ids):
    claim = api.post("/claims", {"expense_ids": list(expense_ids)}).json()
    submitted = api.post(f"/claims/{claim['id']}/submit")
    assert submitted.status_code == 200, submitted.content
    return submitted.json()


def test_monthly_bills_of_one_layout_are_not_flagged(api_as, people, bill, recent):
    ana = api_as("owner")
    last_month = recent - timedelta(days=31)
    january = bill(people["owner"], bill_picture(65000, last_month), total="65000", day=last_month)
    february = bill(people["owner"], bill_picture(68500, recent), total="68500", day=recent)
    # The pictures alone would be a duplicate: this is what flagged every bill before.
    assert january.sha256 != february.sha256
    assert hamming(january.phash, february.phash) <= NEAR_DUPLICATE_BITS

    internet_expense(ana, january)
    second = internet_expense(ana, february)
    assert second["flags"] == []
    claim = submit(ana, second["id"])
    assert claim["lines"][0]["flags"] == []  # judged again at submission: still clean


def test_a_bill_whose_total_was_not_read_is_still_a_possible_duplicate(
    api_as, people, bill, recent
):
    ana = api_as("owner")
    picture = bill_picture(65000, recent)
    first = bill(people["owner"], picture, total=None, day=None)
    again = bill(people["owner"], reshot(picture), total=None, day=None)
    assert hamming(first.phash, again.phash) <= NEAR_DUPLICATE_BITS
    mine = internet_expense(ana, first, amount="65000", date=recent.isoformat())
    # Typed, not read: a different amount does not make it another bill.
    flagged = internet_expense(ana, again, amount="56000", date=recent.isoformat())
    assert flagged["flags"] == [
        {
            "kind": "similar_image",
            "expense_id": mine["id"],
            "receipt_id": first.pk,
            "yours": True,
            "owner": None,
        }
    ]


# What a worker sees of a flag pointing at another worker's expense.
SOMEONE_ELSES_PICTURE = {
    "kind": "similar_image",
    "expense_id": None,
    "receipt_id": None,
    "yours": False,
    "owner": None,
}


def test_the_same_bill_photographed_twice_names_the_other_expense_and_for_hr_its_receipt(
    api_as, people, bill, recent
):
    ana, luis, hugo = api_as("owner"), api_as("other_worker"), api_as("hr")
    picture = bill_picture(65000, recent)
    anas = bill(people["owner"], picture, total="65000", day=recent)
    # Luis's photo of the same paper: the amount read, the date not (None is no contradiction).
    luiss = bill(people["other_worker"], reshot(picture), total="65000", day=None)
    assert anas.sha256 != luiss.sha256
    assert hamming(anas.phash, luiss.phash) <= NEAR_DUPLICATE_BITS
    original = internet_expense(ana, anas)
    copy = internet_expense(luis, luiss, date=recent.isoformat(), vendor="Claro Colombia")

    # Luis learns that it matches another person's expense, not which one nor its receipt.
    assert copy["flags"] == [SOMEONE_ELSES_PICTURE]
    claim = submit(luis, copy["id"])

    def hr_flag() -> dict:
        line = hugo.get(f"/claims/{claim['id']}").json()["lines"][0]
        assert [flag["kind"] for flag in line["flags"]] == ["similar_image"]
        return line["flags"][0]

    # Ana's expense is still a draft: HR knows whose it is but may not open her receipt yet.
    assert hr_flag() == {
        "kind": "similar_image",
        "expense_id": original["id"],
        "receipt_id": None,
        "yours": False,
        "owner": "ana",
    }
    submit(ana, original["id"])
    flag = hr_flag()
    assert (flag["expense_id"], flag["receipt_id"], flag["owner"]) == (
        original["id"],
        anas.pk,
        "ana",
    )
    # Side by side: HR opens both receipts.
    assert hugo.get(f"/receipts/{luiss.pk}/file").status_code == 200
    assert hugo.get(f"/receipts/{flag['receipt_id']}/file").status_code == 200
    # And Luis, reading his own claim, still learns nothing of Ana's.
    own_view = luis.get(f"/claims/{claim['id']}").json()["lines"][0]["flags"]
    assert own_view == [SOMEONE_ELSES_PICTURE]


def test_every_flag_names_the_other_receipt(api_as, people, read_receipt):
    ana, luis = api_as("owner"), api_as("other_worker")
    anas = read_receipt(people["owner"], seed=3, cufe="CUFE-1")
    first = ana.post("/expenses", {"receipt_id": anas.pk, "category": "chair"}).json()
    again = read_receipt(people["owner"], seed=4, cufe="CUFE-1")  # another file, the same invoice
    mine = ana.post("/expenses", {"receipt_id": again.pk, "category": "desk"}).json()
    assert {(f["kind"], f["expense_id"], f["receipt_id"]) for f in mine["flags"]} == {
        ("same_cufe", first["id"], anas.pk),
        ("same_vendor_amount_date", first["id"], anas.pk),
    }
    luiss = read_receipt(people["other_worker"], seed=3, cufe="CUFE-1")  # Ana's very file
    theirs = luis.post("/expenses", {"receipt_id": luiss.pk, "category": "chair"}).json()
    assert {"same_file", "same_cufe"} <= {f["kind"] for f in theirs["flags"]}
    assert all(f["receipt_id"] is None and f["expense_id"] is None for f in theirs["flags"])
    kept = Receipt.objects.get(pk=luiss.pk).expense.flags  # stored whole; hidden when shown
    assert {(f["kind"], f["receipt_id"]) for f in kept} >= {("same_file", anas.pk)}


D1, D2 = date(2026, 3, 15), date(2026, 4, 15)
M1, M2 = date(2026, 3, 1), date(2026, 4, 1)
T1, T2 = Decimal("65000.00"), Decimal("68500.00")


@pytest.mark.parametrize(
    ("one", "other", "different"),
    [
        # A field read differently on both sides: another document.
        (Reading("A", "", T1, D1, M1), Reading("B", "", T1, D1, M1), True),
        (Reading("", "800", T1, D1, M1), Reading("", "900", T1, D1, M1), True),
        (Reading("", "", T1, D1, M1), Reading("", "", T2, D1, M1), True),
        (Reading("", "", T1, D1, M1), Reading("", "", T1, D2, M1), True),
        (Reading("", "", None, None, M1), Reading("", "", None, None, M2), True),
        # Unread fields say nothing: a near-identical picture stays a possible duplicate.
        (Reading("", "", None, None, None), Reading("", "", None, None, None), False),
        (Reading("A", "800", T1, D1, M1), Reading("", "", None, None, None), False),
        (Reading("", "", T1, None, M1), Reading("", "", T1, D1, M1), False),
        # The same total on the same day is the same purchase whatever month the worker typed.
        (Reading("", "", T1, D1, M1), Reading("", "", T1, D1, M2), False),
    ],
)
def test_what_contradicts_a_near_identical_picture(one, other, different):
    assert contradicts(one, other) is different
    assert contradicts(other, one) is different


# --- the band lookup ------------------------------------------------------------------------


def flip(value: int, bits: list[int]) -> str:
    for bit in bits:
        value ^= 1 << bit
    return f"{value:016x}"


def band_columns(phash: str) -> dict[str, int]:
    return {f"phash_band{band}": value for band, value in enumerate(phash_bands(phash))}


def stored(owner, phashes: list[str]) -> list[int]:
    """Receipts written in bulk, as an import or the bench would: the bands set by the writer."""
    receipts = Receipt.objects.bulk_create(
        Receipt(
            owner=owner,
            organization_id=owner.organization_id,
            kind="image",
            file=f"receipts/{i}.jpg",
            content_type="image/jpeg",
            size=1,
            sha256=f"{i:064x}",
            phash=phash,
            width=1,
            height=1,
            **band_columns(phash),
        )
        for i, phash in enumerate(phashes, start=Receipt.objects.count() + 1)
    )
    return [r.pk for r in receipts]


def test_the_band_lookup_finds_every_near_hash_from_the_index_and_reads_nothing_else(people):
    rng = random.Random(2026)
    query = rng.getrandbits(64)
    ana = people["owner"]
    # Bits 0-15 are band 3, 16-31 band 2, 32-47 band 1, 48-63 band 0.
    near = {
        "6 bits, two bands untouched": [1, 2, 3, 17, 18, 19],
        "6 bits, all in one band": [0, 1, 2, 3, 4, 5],
        "6 bits, 2+2+1+1": [0, 1, 16, 17, 32, 48],
        "6 bits, 1+1+1+3": [0, 16, 32, 48, 49, 50],
        "3 bits": [5, 40, 60],
        "1 bit": [63],
    }
    far = {
        "7 bits, two bands equal: a candidate, but too far": [0, 1, 2, 3, 16, 17, 18],
        "7 bits, 2+2+2+1: not even a candidate": [0, 1, 16, 17, 32, 33, 48],
    }
    planted = [flip(query, bits) for bits in (*near.values(), *far.values())]
    noise = [f"{rng.getrandbits(64):016x}" for _ in range(600)]
    ids = stored(ana, planted + noise)
    other_orgs = stored(people["other_hr"], [flip(query, [1])])  # another organisation's
    phash = f"{query:016x}"
    hashes = dict(zip(ids, planted + noise, strict=True))

    def may_be_near(other: str) -> bool:
        """A band equal, or two bands within one bit: what every hash within 6 bits has."""
        bits = [(a ^ b).bit_count() for a, b in zip(phash_bands(other), phash_bands(phash))]
        return 0 in bits or sum(b <= 1 for b in bits) >= 2

    with CaptureQueriesContext(connection) as queries:
        candidates = band_candidates(organization_id=ana.organization_id, phash=phash)
        found = near_receipts(organization_id=ana.organization_id, phash=phash, exclude_id=None)
    assert len(queries) == 2  # one query each, whatever the number of receipts
    assert "phash_band0" in queries[0]["sql"] and "phash_band3" in queries[0]["sql"]
    # Exactly those receipts: no scan (the table has 609 rows)...
    expected = {pk for pk, other in hashes.items() if may_be_near(other)}
    assert set(candidates) == expected
    assert len(expected) < 20 and other_orgs[0] not in candidates
    # ...and every hash within the threshold among them, with its distance.
    distances = {pk: hamming(other, phash) for pk, other in hashes.items()}
    assert found == {pk: bits for pk, bits in distances.items() if bits <= NEAR_DUPLICATE_BITS}
    assert sorted(found.values()) == [1, 3, 6, 6, 6, 6]


def test_saving_a_receipt_keeps_its_bands_and_the_migration_fills_old_ones(people):
    [pk] = stored(people["owner"], ["0123456789abcdef"])
    receipt = Receipt.objects.get(pk=pk)
    assert phash_bands(receipt.phash) == (0x0123, 0x4567, 0x89AB, 0xCDEF)
    receipt.phash = "ffff0000ffff0001"
    receipt.save()
    assert Receipt.objects.filter(pk=pk, phash_band0=0xFFFF, phash_band3=1).exists()

    Receipt.objects.update(phash_band0=0, phash_band1=0, phash_band2=0, phash_band3=0)
    migration = importlib.import_module("receipts.migrations.0003_receipt_phash_bands")
    migration.fill_bands(apps, None)
    bands = Receipt.objects.values_list("phash_band0", "phash_band1", "phash_band2", "phash_band3")
    assert list(bands) == [(0xFFFF, 0, 0xFFFF, 1)]
