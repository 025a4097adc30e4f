"""core.numbers.plain: the one way a number is printed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.core.numbers import plain


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1500, "1500"),
        (Decimal("2.50"), "2.5"),
        (300.0, "300"),
        (299.99, "299.99"),
        (Decimal("1E+3"), "1000"),
        (1e16, "10000000000000000"),
        (0.1 + 0.2, "0.30000000000000004"),
        (-0.5, "-0.5"),
        (0, "0"),
    ],
)
def test_plain(number: Decimal | float | int, text: str) -> None:
    assert plain(number) == text
