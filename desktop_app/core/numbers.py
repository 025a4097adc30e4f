"""How a number is printed, everywhere in the app: plainly, the way the documents print it."""

from __future__ import annotations

from decimal import Decimal


def plain(number: Decimal | float | int) -> str:
    """1500 → '1500', 2.50 → '2.5', 300.0 → '300', 1E+3 → '1000' (never scientific notation).

    A float goes through its shortest repr, so 299.99 stays 299.99 (not 299.98999…)."""
    value = Decimal(repr(number)) if isinstance(number, float) else Decimal(str(number))
    return format(value.normalize(), "f")
