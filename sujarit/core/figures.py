"""The figures reports and measures share: percentages and means as Decimals, rounded half up."""

from decimal import ROUND_HALF_UP, Decimal


def percent(part, whole):
    """part/whole as a percentage with two decimals; None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def mean(values):
    """The mean with one decimal; None for no values."""
    values = list(values)
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
