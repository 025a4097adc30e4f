"""Chinese heading numbers as official documents use them: 一、 then （一） then 1."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 105 → 一百零五 (1 ≤ n ≤ 999)."""
    if not 1 <= n <= 999:
        raise ValueError(f"out of range for a heading number: {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        # 十五 on its own, but 一百一十五 inside a larger number
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        out += _DIGITS[ones]
    return out


def section_label(n: int) -> str:
    return f"{chinese_number(n)}、"
