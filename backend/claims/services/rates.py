"""Monthly exchange rates to the organisation's currency."""

import datetime as dt
from decimal import Decimal

from claims.models import (
    ExchangeRate,
)


def rate_set(*, organization_id: int, month: dt.date, currency: str, rate: Decimal) -> ExchangeRate:
    found, _ = ExchangeRate.objects.update_or_create(
        organization_id=organization_id,
        month=month.replace(day=1),
        currency=currency,
        defaults={"rate": rate},
    )
    return found
