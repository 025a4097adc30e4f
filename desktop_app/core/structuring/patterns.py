"""Regular expressions shared by the amount and condition finders."""

from __future__ import annotations

import re
from decimal import Decimal

from desktop_app.core.structuring.numerals import NUMERAL, parse_numeral

N = NUMERAL
MONEY_UNIT = r"(?:亿元|万元|元|万(?![人户家平亩吨个台套件次场名]))"
MONEY_RE = re.compile(rf"({N})\s*({MONEY_UNIT})")
PERCENT_RE = re.compile(rf"({N})\s*([%％‰])")
DASH = r"[—\-－~～至到]"
PCT_RANGE_RE = re.compile(rf"({N})\s*[%％]?\s*{DASH}+\s*({N})\s*([%％‰])")
MONEY_RANGE_RE = re.compile(rf"({N})\s*(?:{MONEY_UNIT})?\s*{DASH}+\s*({N})\s*({MONEY_UNIT})")

# a figure is a threshold (a condition), not a benefit, when it reads …以上 / 不低于… / 超过…
THRESHOLD_AFTER = re.compile(
    r"^\s*(?:（含）|\(含\))?(?:及以上|以上|以下|及以下|以内|（含）|\(含\))"
)
THRESHOLD_BEFORE = re.compile(
    r"(?:不低于|不少于|不小于|超过|达到|达|低于|少于|不足|不满|未满|高于|大于|小于|在|突破|过)$"
)
CAP_BEFORE = re.compile(
    r"(?:最高|最多|不超过|不高于|最高不超过|上限为?|封顶|最高可达|给予最高|给予不超过|最高给予)$"
)


def money_value(number_text: str, unit: str) -> tuple[Decimal, str] | None:
    """(value, unit) in 元 or 万元; 亿元 is expressed in 万元 (1亿元 = 10000万元)."""
    value = parse_numeral(number_text)
    if value is None:
        return None
    if unit == "亿元":
        return value * 10000, "万元"
    if unit == "万":
        return value, "万元"
    return value, unit


def plain_number(value: Decimal) -> int | float:
    """A Decimal as the int or float a YAML rule file holds."""
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral() else float(normal)
