"""统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character.

    problem = credit_code_problem("91350200MA2XXXXXXX")   # None when valid

The code identifies the enterprise on the printed 告知单; it never affects eligibility. The
check is the standard's: characters from a 31-symbol set (digits and capitals without I, O, Z,
S, V), weights 3^i mod 31 on the first 17, the 18th making the weighted sum a multiple of 31.
"""

from __future__ import annotations

import unicodedata

LENGTH = 18
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: n for n, ch in enumerate(ALPHABET)}
_WEIGHTS = tuple(pow(3, i, 31) for i in range(LENGTH - 1))  # 1, 3, 9, 27, 19, 26, 16 …
LABEL = "统一社会信用代码"


def normalized(text: str) -> str:
    """As people type it: full-width characters, spaces and lower case are forgiven."""
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (which must be in ALPHABET)."""
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """A Chinese message naming the field when `code` (normalized) is not a valid code."""
    if len(code) != LENGTH:
        return f"{LABEL}应为18位（现为{len(code)}位），请核对"
    bad = sorted({ch for ch in code if ch not in _VALUE}, key=code.index)
    if bad:
        shown = "、".join(f"“{ch}”" for ch in bad[:5])
        return f"{LABEL}中有不应出现的字符{shown}（只含数字和除I、O、Z、S、V以外的大写字母）"
    expected = check_character(code[:-1])
    if code[-1] != expected:
        return f"{LABEL}“{code}”校验位不符（按前17位应为“{expected}”），请核对是否抄错"
    return None
