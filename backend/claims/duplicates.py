"""Spotting expenses that may be the same purchase claimed twice.

Same file, same CUFE, or same vendor + amount + date: the same purchase, whatever the picture.
A near-identical picture (perceptual hash within NEAR_DUPLICATE_BITS) is the same purchase only
where the reading does not contradict it: every monthly bill of one ISP shares its layout, and a
different CUFE, total, date or service month says it is another bill.
"""

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Q

from claims.models import Expense, FlagKind
from receipts.models import PHASH_BAND_BITS, PHASH_BANDS, Receipt, phash_bands

NEAR_DUPLICATE_BITS = 6  # perceptual-hash distance of the same paper photographed twice
NEAR_DUPLICATE_DAYS = 400  # how far back re-shot pictures are looked for
FLAGS_PER_KIND = 5  # HR needs a few to compare, not every match
# Two hashes within this many bits share one of the 4 bands exactly or, sharing none, are within
# one bit in at least two bands (one such band and three others of 2+ bits would be 7 bits): the
# band lookup fetches only receipts like that, and misses nothing within NEAR_DUPLICATE_BITS.
BAND_RADIUS_BITS = 2 * PHASH_BANDS - 2  # 6


def duplicate_flags(expense: Expense) -> list[dict]:
    """Other expenses of the organisation that look like the same purchase, each named with its
    owner and receipt (who may see those is decided when the flag is shown)."""
    org_expenses = Expense.objects.filter(organization_id=expense.organization_id).exclude(
        pk=expense.pk
    )
    flags: list[dict] = []

    def flag(kind: str, others) -> None:
        rows = others.values_list("pk", "owner_id", "receipt_id")[:FLAGS_PER_KIND]
        for other_id, owner_id, receipt_id in rows:
            flags.append(
                {
                    "kind": kind,
                    "expense_id": other_id,
                    "owner_id": owner_id,
                    "receipt_id": receipt_id,
                }
            )

    receipt: Receipt | None = expense.receipt
    if receipt is not None:
        flag(FlagKind.SAME_FILE, org_expenses.filter(receipt__sha256=receipt.sha256))
        if receipt.cufe:
            flag(FlagKind.SAME_CUFE, org_expenses.filter(receipt__cufe=receipt.cufe))
        similar = similar_picture_expenses(expense, receipt)
        if similar:
            flag(FlagKind.SIMILAR_IMAGE, org_expenses.filter(pk__in=similar[:FLAGS_PER_KIND]))
    if expense.vendor.strip():
        flag(
            FlagKind.SAME_VENDOR_AMOUNT_DATE,
            org_expenses.filter(
                vendor__iexact=expense.vendor.strip(),
                amount=expense.amount,
                currency=expense.currency,
                date=expense.date,
            ),
        )
    return flags


@dataclass(frozen=True)
class Reading:
    """What identifies a document: read from the receipt, and the period the worker claims."""

    cufe: str
    nit: str
    total: Decimal | None
    day: date | None
    service_month: date | None


def contradicts(one: Reading, other: Reading) -> bool:
    """Do the two readings say these are two different documents? Unread fields say nothing."""

    def differ(a: object, b: object) -> bool:
        return bool(a) and bool(b) and a != b

    if differ(one.cufe, other.cufe) or differ(one.nit, other.nit):
        return True
    if (one.total is not None and other.total is not None and one.total != other.total) or differ(
        one.day, other.day
    ):
        return True
    if (
        one.total is not None
        and one.day is not None
        and (one.total, one.day)
        == (
            other.total,
            other.day,
        )
    ):
        return False  # the same total on the same day: the same purchase whatever month is typed
    return differ(one.service_month, other.service_month)


def similar_picture_expenses(expense: Expense, receipt: Receipt) -> list[int]:
    """Expenses whose receipt is a near-identical picture (not the same file) read as the same
    document, or read too little to tell; nearest first."""
    distances = near_receipts(
        organization_id=receipt.organization_id, phash=receipt.phash, exclude_id=receipt.pk
    )
    if not distances:
        return []
    since = receipt.created_at - timedelta(days=NEAR_DUPLICATE_DAYS)
    others = (
        Expense.objects.filter(
            organization_id=expense.organization_id,
            receipt_id__in=list(distances),
            receipt__created_at__gte=since,
        )
        .exclude(pk=expense.pk)
        .exclude(receipt__sha256=receipt.sha256)  # flagged as same_file already
        .filter(_read_alike(receipt))
        .values_list(
            "pk",
            "receipt_id",
            "receipt__cufe",
            "receipt__nit",
            "receipt__total",
            "receipt__date",
            "service_month",
        )
    )
    mine = Reading(receipt.cufe, receipt.nit, receipt.total, receipt.date, expense.service_month)
    same = [
        (distances[receipt_id], pk)
        for pk, receipt_id, cufe, nit, total, day, month in others
        if not contradicts(mine, Reading(cufe, nit, total, day, month))
    ]
    return [pk for _, pk in sorted(same)]


def _read_alike(receipt: Receipt) -> Q:
    """The receipts `contradicts` would not tell apart from this one by what was read on them,
    asked of the database: one ISP's bills from thousands of workers share a picture, and only
    the few read alike need to come back."""
    alike = Q()
    for field in ("cufe", "nit", "total", "date"):
        value = getattr(receipt, field)
        if value:  # an unread field (None or "") contradicts nothing
            unread = (
                Q(**{f"receipt__{field}": ""})
                if field in ("cufe", "nit")
                else Q(**{f"receipt__{field}__isnull": True})
            )
            alike &= unread | Q(**{f"receipt__{field}": value})
    return alike


def band_probes(phash: str) -> list[list[int]]:
    """Per band, its value, then the 16 values one bit away."""
    return [
        [band, *(band ^ (1 << bit) for bit in range(PHASH_BAND_BITS))]
        for band in phash_bands(phash)
    ]


@functools.cache
def _band_sql() -> str:
    """One read per band index, joined with UNION ALL (an OR would make both databases fetch each
    candidate's row from the table): the band within one bit of ours, and that band equal or
    another band within one bit too, all tested on the index's own columns. Written once as SQL:
    the ORM would compile the same four queries again for every expense."""
    table = connection.ops.quote_name(Receipt._meta.db_table)
    probes = ", ".join(["%s"] * (PHASH_BAND_BITS + 1))
    selects = []
    for band in range(PHASH_BANDS):
        others = " OR ".join(
            f"phash_band{other} IN ({probes})" for other in range(PHASH_BANDS) if other != band
        )
        selects.append(
            f"SELECT id, phash FROM {table} WHERE organization_id = %s"  # noqa: S608 - constants only; the values travel as parameters
            f" AND phash_band{band} IN ({probes}) AND (phash_band{band} = %s OR {others})"
        )
    return " UNION ALL ".join(selects)


def band_candidates(*, organization_id: int, phash: str) -> dict[int, str]:
    """Receipts of the organisation that may be within BAND_RADIUS_BITS: id → phash, in one query
    answered from the band indexes alone."""
    probes = band_probes(phash)
    params: list[int] = []
    for band, values in enumerate(probes):
        params += [organization_id, *values, values[0]]
        for other in range(PHASH_BANDS):
            if other != band:
                params += probes[other]
    with connection.cursor() as cursor:
        cursor.execute(_band_sql(), params)
        return dict(cursor.fetchall())


def near_receipts(*, organization_id: int, phash: str, exclude_id: int | None) -> dict[int, int]:
    """Receipts whose picture is within NEAR_DUPLICATE_BITS of `phash`: id → distance."""
    candidates = band_candidates(organization_id=organization_id, phash=phash)
    mine = int(phash, 16)  # receipts.ocr.images.hamming, without parsing this hash each time
    near = {
        pk: (int(other, 16) ^ mine).bit_count()
        for pk, other in candidates.items()
        if pk != exclude_id
    }
    return {pk: bits for pk, bits in near.items() if bits <= NEAR_DUPLICATE_BITS}
