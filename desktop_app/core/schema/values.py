"""The kinds of value the schemas accept, each with its Chinese message naming the field.

Each function takes the raw value, the field's Chinese label and the list collecting
problems; it returns the normalised value, or None after adding a problem (or when blank:
blank is unknown, never 0 or 否). Nothing here raises for any input.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from typing import Any

from desktop_app.core.schema.json_input import BadNumber

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
EARLIEST_DATE = date(1800, 1, 1)
LATEST_DATE = date(2200, 12, 31)
SHOWN_CHARS = 40


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: Any) -> str:
    """Input echoed in a message: short, and printable whatever it holds."""
    text = value if isinstance(value, str) else type(value).__name__
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int | float):
        text = repr(value)
    text = _SURROGATE.sub("\ufffd", text)
    text = "".join(ch if ch.isprintable() else "\ufffd" for ch in text)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def shown_long(text: str) -> str:
    """Like shown() without the length limit (file paths)."""
    return "".join(ch if ch.isprintable() and not has_surrogates(ch) else "\ufffd" for ch in text)


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def ascii_digits(text: str) -> str:
    """Full-width, Arabic-Indic and other decimal digits as 0-9 (NFKC alone misses some)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def text(value: Any, label: str, problems: list[str], *, max_len: int | None = None) -> str | None:
    if blank(value):
        return None
    if not isinstance(value, str):
        problems.append(f"{label}应为文字")
        return None
    if has_surrogates(value):
        problems.append(f"{label}包含无法识别的字符（编码错误）")
        return None
    cleaned = "".join(ch for ch in value if ch.isprintable()).strip()
    if max_len is not None and len(cleaned) > max_len:
        problems.append(f"{label}不能超过{max_len}个字")
        return None
    return cleaned or None


def readable(number: float) -> str:
    """10000000 → 1000万, 500 → 500: limits a person can read (never 1e+07)."""
    if abs(number) >= 1e8:
        return f"{number / 1e8:g}亿"
    if abs(number) >= 1e4:
        return f"{number / 1e4:g}万"
    return f"{number:g}"


def number(
    value: Any, label: str, problems: list[str], *, low: float, high: float, integer: bool = False
) -> float | None:
    """A JSON number or a string people type (1,200 / １２００ / 1200.5); not 1_000, 1e3, NaN."""
    if blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        problems.append(f"{label}应为数字")
        return None
    if isinstance(value, str):
        if has_surrogates(value):
            problems.append(f"{label}包含无法识别的字符（编码错误）")
            return None
        typed = ascii_digits(value).strip().replace(" ", "")
        if not (_PLAIN_NUMBER.fullmatch(typed) or _GROUPED_NUMBER.fullmatch(typed)):
            problems.append(f"{label}“{shown(value)}”不是数字")
            return None
        value = typed.replace(",", "")
    if isinstance(value, int) and abs(value) > 10**18:
        problems.append(f"{label}应在{readable(low)}到{readable(high)}之间")
        return None
    try:
        result = float(value)
    except (OverflowError, ValueError):
        problems.append(f"{label}不是有效数字")
        return None
    if isinstance(value, BadNumber) or math.isnan(result) or math.isinf(result):
        problems.append(f"{label}不是有效数字")
        return None
    if result < low or result > high:
        problems.append(f"{label}应在{readable(low)}到{readable(high)}之间")
        return None
    if integer and result != int(result):
        problems.append(f"{label}应为整数")
        return None
    return result


def count(value: Any, label: str, problems: list[str]) -> int | None:
    """A stored count (of measures, say): a plain JSON integer, nothing typed."""
    if isinstance(value, bool) or not isinstance(value, int) or isinstance(value, BadNumber):
        problems.append(f"{label}应为整数")
        return None
    if not 0 <= value <= 10**7:
        problems.append(f"{label}超出范围")
        return None
    return value


def day(value: Any, label: str, problems: list[str]) -> date | None:
    """YYYY-MM-DD (also with / or .), any decimal digits; between 1800 and 2200."""
    if blank(value):
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        parsed: date | None = value
    elif isinstance(value, str) and not has_surrogates(value):
        m = _DATE.fullmatch(ascii_digits(value).strip())
        parsed = None
        if m:
            try:
                parsed = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                parsed = None
    else:
        parsed = None
    if parsed is None:
        problems.append(
            f"{label}“{shown(value)}”格式不对或不是有效日期（应为 YYYY-MM-DD，如 2021-05-01）"
        )
        return None
    if not EARLIEST_DATE <= parsed <= LATEST_DATE:
        problems.append(f"{label}{parsed.isoformat()}超出可用范围（1800年至2200年）")
        return None
    return parsed


def choice(value: Any, label: str, problems: list[str], allowed: dict[str, str]) -> str | None:
    """One of the keys of `allowed` ({key: Chinese name})."""
    if blank(value):
        return None
    if isinstance(value, str) and value.strip() in allowed:
        return value.strip()
    names = "、".join(f"{k}（{v}）" if k != v else k for k, v in allowed.items())
    problems.append(f"{label}应为：{names}")
    return None


def stamp(value: Any) -> datetime | None:
    """A stored moment (ISO 8601, UTC if no zone), or None when it is not one."""
    if not isinstance(value, str) or len(value) > 40 or has_surrogates(value):
        return None
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        moment = moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    if moment.year < 1900:
        return None
    return moment


def in_future(moment: datetime, now: datetime | None = None) -> bool:
    """Later than a day from now: a clock that wrong (or a forged file) is not believed."""
    return moment > (now or datetime.now(UTC)) + timedelta(days=1)


def plain_json(value: Any, label: str, problems: list[str], *, max_depth: int = 64) -> bool:
    """True when value is JSON any parser reads back: finite numbers, valid Unicode, not
    nested deeper than max_depth (walked without recursion, so any input is safe)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > max_depth:
            problems.append(f"{label}嵌套层数过多")
            return False
        if isinstance(item, dict):
            for key, child in item.items():
                if not isinstance(key, str) or has_surrogates(key):
                    problems.append(f"{label}中有无法识别的字段名")
                    return False
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, str):
            if has_surrogates(item):
                problems.append(f"{label}包含无法识别的字符（编码错误）")
                return False
        elif isinstance(item, float) and not math.isfinite(item):
            problems.append(f"{label}中有无效数字（NaN 或无穷大）")
            return False
        elif item is not None and not isinstance(item, bool | int | float):
            problems.append(f"{label}中有无法保存的值")
            return False
    return True
