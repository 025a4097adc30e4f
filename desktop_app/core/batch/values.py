"""Cell values as people type them: "85人", "４２００", "0.42亿元", "1,200", 2019/4/18, √.

Each parser returns the value in the profile's unit, or raises ValueProblem with a Chinese
reason. A unit converted on the way is reported through `Conversion` so the report can say so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

# Excel's day 0 (its 1900 leap-year bug is why it is the 30th, not the 31st)
_EXCEL_EPOCH = date(1899, 12, 30)
# serial numbers from 1900-01-01 to 9999-12-31; a bare number outside this is not a date
_SERIAL_RANGE = (1, 2958465)

MONEY_UNITS = {
    "元": Decimal(1) / 10000,
    "千元": Decimal("0.1"),
    "万元": Decimal(1),
    "百万元": Decimal(100),
    "千万元": Decimal(1000),
    "亿元": Decimal(10000),
}
MONEY_UNITS.update({u[:-1] if u != "元" else u: f for u, f in list(MONEY_UNITS.items())})
_MONEY = re.compile(
    r"^(?P<num>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>百万元|千万元|千元|万元|亿元|元|"
    r"百万|千万|千|万|亿)?$"
)
_COUNT = re.compile(r"^(?P<num>[-+]?\d+(?:\.\d+)?)\s*(?:人|名|个|位)?$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
_YES = {"是", "√", "✓", "✔", "☑", "有", "y", "yes", "true", "t", "1", "是的", "已认定", "已获得"}
_NO = {"否", "×", "✗", "✘", "☐", "无", "没有", "n", "no", "false", "f", "0", "未认定", "不是"}
_DATE_TEXT = re.compile(
    r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*(?:[-/.月]\s*(?P<d>\d{1,2})\s*日?)?\s*月?$"
)
_DATE_DIGITS = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")


class ValueProblem(ValueError):
    """A cell that cannot be read; the message is Chinese and names the value."""


@dataclass(frozen=True)
class Conversion:
    """A value read in another unit than the profile's: said once per column in the notes."""

    column: str
    unit: str
    note: str


def normalize_text(value: Any) -> str:
    """Full-width digits and letters to half-width, spaces trimmed (NFKC)."""
    return unicodedata.normalize("NFKC", str(value)).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decimal(text: str, shown: Any) -> Decimal:
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueProblem(f"“{shown}”不是数字") from exc
    if not number.is_finite():
        raise ValueProblem(f"“{shown}”不是有效数字")
    return number


def _clean_number_text(value: Any) -> str:
    text = normalize_text(value).replace(" ", "")
    return _THOUSANDS.sub("", text)


def parse_count(value: Any) -> float | None:
    """A headcount: 85, "85人", "８５", "1,200"."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem(f"“{value}”不是人数")
    if isinstance(value, int | float):
        return float(value)
    text = _clean_number_text(value)
    match = _COUNT.match(text)
    if not match:
        raise ValueProblem(f"“{value}”不是人数")
    return float(_decimal(match["num"], value))


def parse_money(value: Any, column_unit: str | None) -> tuple[float | None, str | None]:
    """An amount in 万元: "4200", "4200万元", "0.42亿元", 42000000 with the column in 元.

    Returns the value and the unit it was read in when that is not 万元 (None otherwise)."""
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        raise ValueProblem(f"“{value}”不是金额")
    if isinstance(value, int | float):
        number, unit = Decimal(str(value)), None
    else:
        text = _clean_number_text(value)
        match = _MONEY.match(text)
        if not match:
            raise ValueProblem(f"“{value}”不是金额")
        number, unit = _decimal(match["num"], value), match["unit"]
    unit = unit or column_unit or "万元"
    factor = MONEY_UNITS[unit]
    converted = number * factor
    canonical = unit if unit.endswith("元") else unit + "元"
    return float(converted), (None if canonical == "万元" else canonical)


def parse_bool(value: Any) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = normalize_text(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueProblem(f"“{value}”应为是/否（也可填 √ 或留空）")


SERIAL, MONTH_ONLY = "serial", "month"


def parse_date(value: Any) -> tuple[date | None, str]:
    """A date typed as text, stored as a date, or an Excel serial number.

    Returns the date and how it was read when the report should say so: SERIAL (an Excel
    serial number), MONTH_ONLY (no day: the 1st is used), or ''."""
    if is_blank(value):
        return None, ""
    if isinstance(value, datetime):
        return value.date(), ""
    if isinstance(value, date):
        return value, ""
    if isinstance(value, bool):
        raise ValueProblem(f"“{value}”不是日期")
    if isinstance(value, int | float):
        return _from_serial(value, value), SERIAL
    text = normalize_text(value)
    for pattern in (_DATE_TEXT, _DATE_DIGITS):
        match = pattern.match(text)
        if match:
            try:
                day = match.groupdict().get("d")
                when = date(int(match["y"]), int(match["m"]), int(day or 1))
                return when, "" if day else MONTH_ONLY
            except ValueError as exc:
                raise ValueProblem(f"“{value}”不是有效日期") from exc
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _from_serial(float(text), value), SERIAL
    raise ValueProblem(f"“{value}”不是日期（例如 2019-04-18）")


def _from_serial(number: float, shown: Any) -> date:
    if not _SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1]:
        raise ValueProblem(f"“{shown}”不是日期")
    return _EXCEL_EPOCH + timedelta(days=int(number))
