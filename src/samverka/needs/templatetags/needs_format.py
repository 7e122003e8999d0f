"""Money in the interface: kronor with Swedish grouping, as mnkr when large."""

from decimal import Decimal

from django import template

register = template.Library()

NBSP = "\u00a0"


def format_kronor(value, *, exact: bool = False) -> str:
    if value is None or value == "":
        return "–"
    amount = Decimal(value)
    if not exact and abs(amount) >= 1_000_000:
        millions = (amount / Decimal(1_000_000)).quantize(Decimal("0.1"))
        return f"{str(millions).replace('.', ',')}{NBSP}mnkr"
    grouped = f"{int(amount):,}".replace(",", NBSP)
    return f"{grouped}{NBSP}kr"


@register.filter
def kronor(value) -> str:
    """250 000 kr; 5,0 mnkr from a million up."""
    return format_kronor(value)


@register.filter
def kronor_exact(value) -> str:
    """Always in kronor: 5 000 000 kr."""
    return format_kronor(value, exact=True)
