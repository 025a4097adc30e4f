"""Reading what a user typed into a wizard field: numbers and dates as people write them,
with a Chinese message for anything that cannot be used. Plain Python, so the rules are tested
without Qt.

Blank always means unknown (None, no message). Full-width digits and thousands separators are
accepted (４２００, 4,200), as is the field's own unit typed after the number (85人).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop_app.core.numbers import plain

EARLIEST_DATE = date(1949, 10, 1)  # no enterprise or qualification in this data predates it
_DATE_PATTERNS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


@dataclass(frozen=True)
class Parsed:
    value: Any  # None when blank or invalid
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def normalise(text: str) -> str:
    """Full-width to half-width, and no spaces (users paste ' 85 ' and '4 200')."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def amount_words(number: float) -> str:
    """10000000 → 1000万, 100000000000 → 1000亿: limits read the way people say them."""
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(number) >= size and (number / size) == int(number / size):
            return f"{int(number / size)}{word}"
    return plain(number)


def parse_number(
    text: str,
    *,
    low: float | None = 0,
    high: float | None = None,
    integer: bool = False,
    unit: str | None = None,
) -> Parsed:
    raw = normalise(text)
    if not raw:
        return Parsed(None)
    if unit and raw.endswith(normalise(unit)):
        raw = raw[: -len(normalise(unit))]
    raw = raw.replace(",", "").replace("，", "")
    if re.search(r"[万亿千百]", raw):
        shown = f"（单位已是{unit}）" if unit else ""
        return Parsed(None, f"请只填阿拉伯数字{shown}，例如 4200")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        return Parsed(None, "请填写数字，例如 85；不知道可以不填")
    if not number.is_finite():
        return Parsed(None, "请填写数字，例如 85；不知道可以不填")
    value = float(number)
    if math.isinf(value):
        return Parsed(None, "数字太大了，请检查")
    unit_text = unit or ""
    if low is not None and value < low:
        if low == 0:
            return Parsed(None, "不能为负数")
        return Parsed(None, f"不能小于{amount_words(low)}{unit_text}")
    if high is not None and value > high:
        return Parsed(None, f"不能超过{amount_words(high)}{unit_text}，请检查数值和单位")
    if integer:
        if number != number.to_integral_value():
            return Parsed(None, "请填写整数")
        return Parsed(int(number))
    return Parsed(value)


def parse_date(
    text: str, *, earliest: date | None = EARLIEST_DATE, latest: date | None = None
) -> Parsed:
    raw = normalise(text)
    if not raw:
        return Parsed(None)
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(raw)
        if match is None:
            continue
        year, month, day = (int(g) for g in match.groups())
        try:
            value = date(year, month, day)
        except ValueError:
            return Parsed(None, f"没有这一天：{year}年{month}月{day}日")
        if earliest is not None and value < earliest:
            return Parsed(None, f"日期不能早于{earliest.isoformat()}")
        if latest is not None and value > latest:
            return Parsed(None, f"日期不能晚于{latest.isoformat()}")
        return Parsed(value)
    return Parsed(None, "日期格式不对，请写成 2021-05-01；不知道可以不填")


def format_value(value: Any) -> str:
    """A stored value as the field shows it again."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return plain(float(value))
    return str(value)
