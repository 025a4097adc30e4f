"""Dates as Chinese documents print them: 2020年3月30日, 二〇二〇年三月三十日, 2020-03-30."""

from __future__ import annotations

import re
from datetime import date

from desktop_app.core.importing.numbering import cn_number

_CN_DIGIT = "〇零一二三四五六七八九"
DATE = (
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    rf"|[{_CN_DIGIT}]{{4}}年[十{_CN_DIGIT}]{{1,3}}月[十{_CN_DIGIT}]{{1,3}}日"
    r"|\d{4}[-./]\d{1,2}[-./]\d{1,2})"
)
DATE_RE = re.compile(DATE)
_YEAR_DIGITS = {"〇": "0", "零": "0", **{c: str(i) for i, c in enumerate("一二三四五六七八九", 1)}}
_PARTS = re.compile(
    r"(\d{4}|[〇零一二三四五六七八九]{4})\D*?([\d十〇零一二三四五六七八九]{1,3})\D*?([\d十〇零一二三四五六七八九]{1,3})"
)


def parse_date(text: str) -> date | None:
    """The date in `text` (one of the forms above), or None when it is not a real date."""
    m = _PARTS.search(text.replace(" ", ""))
    if m is None:
        return None
    year_text = m.group(1)
    year = (
        int(year_text) if year_text.isdigit() else int("".join(_YEAR_DIGITS[c] for c in year_text))
    )
    month, day = cn_number(m.group(2)), cn_number(m.group(3))
    if month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_years(start: date, years: int) -> date:
    """The last day of a period of `years` years from `start` (2020-03-30 + 3 → 2023-03-29)."""
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    return date.fromordinal(end.toordinal() - 1)
