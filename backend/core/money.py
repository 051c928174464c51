"""Money for people to read: `$ 1.250.000` in Spanish (Colombia), `COP 1,250,000` in English."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
# Currencies whose everyday amounts carry no cents.
NO_CENTS = {"COP", "CLP", "JPY", "KRW", "PYG"}


def quantize(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money_text(amount: Decimal | None) -> str | None:
    """An amount as JSON carries it: a plain string with two decimals ("1250000.00")."""
    return None if amount is None else str(quantize(amount))


def format_money(amount: Decimal, currency: str, language: str = "en") -> str:
    amount = quantize(amount)
    places = 0 if currency in NO_CENTS and amount == amount.to_integral_value() else 2
    text = f"{abs(amount):,.{places}f}"  # 1,250,000.00
    if language.startswith("es"):
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    sign = "-" if amount < 0 else ""
    if currency == "COP" and language.startswith("es"):
        return f"{sign}$ {text}"
    return f"{sign}{currency} {text}"
