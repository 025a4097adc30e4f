"""Helpers shared by the document parsers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_app.core.model import Department

CN_NUM = "一二三四五六七八九十"
PART_RE = re.compile(rf"^([{CN_NUM}]+)、(.+)$")
GROUP_RE = re.compile(rf"^（([{CN_NUM}]+)）")
# Units named with their own place, or collective units, never take the group's 市/区/省 prefix.
_OWN_PLACE = ("厦门", "三明", "石家庄", "雄安", "雁江", "资阳", "福建", "河北", "人行", "人民银行")
_PREFIXES = "市区省"


@dataclass
class ItemDraft:
    """An item as a parser finds it; the builder adds ids, seq and curation."""

    key: str  # local part of the stable id
    kind: str
    text: str
    locator: str
    article: str | None = None
    path: list[str] = field(default_factory=list)
    title: str | None = None
    departments: list[Department] = field(default_factory=list)
    departments_text: str | None = None
    source_notes: list[str] = field(default_factory=list)


def cn_to_int(numeral: str) -> int:
    """一 → 1, 十四 → 14, 二十五 → 25 (enough for the article numbers in these documents)."""
    digits = {c: i + 1 for i, c in enumerate(CN_NUM[:9])}
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + digits[numeral[1]]
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return digits[tens] * 10 + (digits[ones] if ones else 0)
    return digits[numeral]


def _split_outside_parens(text: str, separators: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if ch in separators and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def split_units(
    text: str, *, lead_first: bool = False, basis: str = "item", prefixes: str = _PREFIXES
) -> list[Department]:
    """Split a 责任单位 list into single units.

    "市工信局、财政局，各县（市、区）人民政府" → 市工信局, 市财政局, 各县（市、区）人民政府:
    within a comma group a bare unit takes the group's 市/区/省 prefix, as the list is meant to
    be read (`prefixes`: the levels that carry over; an imported county document adds 县).
    The token as printed is kept beside the name.
    """
    units: list[Department] = []
    for group in _split_outside_parens(text, "，,；"):
        tokens = _split_outside_parens(group, "、及")
        merged: list[str] = []
        for tok in tokens:
            # "市、县促进中小企业发展领导小组办公室" names one office of two levels
            if merged and len(merged[-1]) == 1:
                merged[-1] = merged[-1] + "、" + tok
            else:
                merged.append(tok)
        prefix = merged[0][0] if merged and merged[0][0] in prefixes else ""
        for tok in merged:
            name = tok
            # 市场监管局 begins with 市 but is not prefixed ("市工信局、市场监管局")
            has_own_level = tok[0] in prefixes + "各县" and not tok.startswith("市场")
            needs_prefix = prefix and not has_own_level and not any(p in tok for p in _OWN_PLACE)
            if needs_prefix:
                name = prefix + tok
            units.append(Department(name=name, as_printed=tok, lead=False, basis=basis))
    if lead_first and units:
        first = units[0]
        units[0] = Department(first.name, first.as_printed, lead=True, basis=first.basis)
    return units


def heading_title(text: str, article: str) -> str | None:
    """The item's own heading: the words between its number and the first 。, if short."""
    body = text[len(article) :] if text.startswith(article) else text
    body = body.lstrip(".．、")
    head, sep, _ = body.partition("。")
    if sep and 0 < len(head) <= 24:
        return head
    return None


def headed_item(
    line: str,
    article: str,
    *,
    key: str,
    kind: str,
    locator: str,
    path: list[str],
) -> ItemDraft:
    """One line that opens with its number (（一）, 1., 一是) as an item, titled by the words after
    the number (heading_title); its units are the parser's to add."""
    return ItemDraft(key, kind, line, locator, article, path, heading_title(line, article))


def nonblank_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
