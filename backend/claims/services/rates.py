"""Monthly exchange rates to the organisation's currency."""

import datetime as dt
from decimal import Decimal

from claims.models import (
    ExchangeRate,
)


def rate_set(*, organization_id: int, month: str, currency: str, rate: Decimal) -> ExchangeRate:
    year, month_number = (int(part) for part in month.split("-"))
    found, _ = ExchangeRate.objects.update_or_create(
        organization_id=organization_id,
        month=dt.date(year, month_number, 1),
        currency=currency,
        defaults={"rate": rate},
    )
    return found
