"""Money as Decimal yuan, printed the way the documents print it (元 below 1万, else 万元)."""

from __future__ import annotations

from decimal import Decimal

from desktop_app.core.eligibility.rules import UNITS
from desktop_app.core.numbers import plain


def to_yuan(value: Decimal | float | int | str, unit: str) -> Decimal:
    return Decimal(str(value)) * UNITS[unit]


def format_yuan(yuan: Decimal) -> str:
    if abs(yuan) >= 10000:
        return f"{plain((yuan / 10000).quantize(Decimal('0.0001')))}万元"
    return f"{plain(yuan.quantize(Decimal('0.01')))}元"


def format_in(value: Decimal | float | int, unit: str) -> str:
    return f"{plain(value)}{unit}"
