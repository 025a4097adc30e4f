"""Numbers as policy texts print them: 1500, 0.5, 1,000, 一万, 五十, 1千, 两百.

万 and 亿 are read as units by the callers (1千万元 is 1千 of 万元), so a numeral run here stops
before them; `numbers_in` reports the character after each run so a caller can see the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SCALES = {"十": 10, "百": 100, "千": 1000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

# an Arabic number (optionally followed by a Chinese scale: 1千, 3百), or a run of Chinese digits
NUMERAL = r"(?:\d+(?:,\d{3})*(?:\.\d+)?[十百千]?|[零〇一二两三四五六七八九十百千]+)"
NUMERAL_RE = re.compile(NUMERAL)


def parse_numeral(token: str) -> Decimal | None:
    """The value of one numeral run, or None when it is not a well-formed number."""
    token = token.translate(_FULLWIDTH).replace(",", "")
    if not token:
        return None
    if token[0].isdigit():
        scale = 1
        if token[-1] in _SCALES:
            scale = _SCALES[token[-1]]
            token = token[:-1]
        try:
            return Decimal(token) * scale
        except InvalidOperation:
            return None
    return _parse_chinese(token)


def _parse_chinese(token: str) -> Decimal | None:
    if all(ch in _DIGITS for ch in token):
        # digit by digit (二〇二六), but a lone 零 run is no number
        if len(token) > 1 and token[0] in "零〇":
            return None
        return Decimal("".join(str(_DIGITS[ch]) for ch in token))
    total, digit, last_scale = 0, None, 10**9
    for ch in token:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                return None  # two digits without a scale between them: 五五十
            digit = _DIGITS[ch] if _DIGITS[ch] != 0 else None
        elif ch in _SCALES:
            scale = _SCALES[ch]
            if scale >= last_scale:
                return None  # 十百: scales must fall
            total += (1 if digit is None else digit) * scale
            digit, last_scale = None, scale
        else:
            return None
    if digit is not None:
        total += digit
    return Decimal(total)


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    text: str
    value: Decimal


def numbers_in(text: str) -> list[Number]:
    """Every numeral run in text with its value (runs that are not numbers are left out)."""
    found = []
    for match in NUMERAL_RE.finditer(text.translate(_FULLWIDTH)):
        value = parse_numeral(match.group())
        if value is not None:
            found.append(
                Number(match.start(), match.end(), text[match.start() : match.end()], value)
            )
    return found


def value_printed(value: object, text: str, suffixes: tuple[str, ...] = ("",)) -> bool:
    """Whether text prints the number `value` as a numeral run of its own, followed by one of
    the suffixes ('' = anything). A run followed by 亿 also stands for value × 10000 (万)."""
    try:
        wanted = Decimal(str(value))
    except InvalidOperation:
        return False
    for number in numbers_in(text):
        after = text[number.end : number.end + 2]
        if not any(after.startswith(s) for s in suffixes):
            continue
        if number.value == wanted:
            return True
        if after.startswith("亿") and number.value * 10000 == wanted:
            return True
    return False
