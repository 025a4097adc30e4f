"""The numbering schemes of Chinese official documents, and what a paragraph starts with.

第一部分 / 第一章 / 第一节 / 第一条, 一、, （一）, 1. 1、 1．, （1）, ①, 一是. Which scheme nests in
which is not fixed here: the segmenter takes it from the order they first appear in, as a
reader does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "一二三四五六七八九十百零〇两"
_CN = f"[{CN_DIGITS}]+"
_NUM = f"(?:{_CN}|\\d{{1,3}})"

# (scheme, pattern); the marker is group 1, the number group 2. Order matters: 一是 before 一、.
_SCHEMES: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^(第({_NUM})部分)\s*")),
    ("chapter", re.compile(rf"^(第({_NUM})章)\s*")),
    ("section", re.compile(rf"^(第({_NUM})节)\s*")),
    # 第三条 … an article; 第三条规定的…, 第三条和第四条 are a citation in a sentence
    (
        "article",
        re.compile(rf"^(第({_NUM})条)(?!\s*(?:规定|所|中|之|的|款|项|和|及|或|至|、|，|。))\s*"),
    ),
    ("shi", re.compile(rf"^(({_CN})是)(?=[，,：:、\u4e00-\u9fff“《（])")),
    ("cn", re.compile(rf"^(({_CN})[、．.])\s*")),
    ("paren_cn", re.compile(rf"^([（(]({_CN})[）)])\s*")),
    ("paren_arabic", re.compile(r"^([（(](\d{1,3})[）)])\s*")),
    # 1. 1、 1． — not a decimal (2.5%) and not a year or date (2022.1)
    ("arabic", re.compile(r"^((\d{1,3})\s*[.．、](?!\d))\s*")),
    ("circled", re.compile(r"^(([\u2460-\u2473\u3251-\u325f]))\s*")),
]
# Schemes that always make an item, never a heading.
ITEM_ONLY = {"article"}
HEADING_ONLY = {"part", "chapter", "section"}


@dataclass(frozen=True)
class Marker:
    scheme: str
    marker: str  # as printed, e.g. （十四）, 1., 一是, 第十条
    number: int | None
    body: str  # the paragraph after the marker


def cn_number(numeral: str) -> int | None:
    """一 → 1, 十四 → 14, 二十五 → 25, 一百零三 → 103; arabic digits as they are."""
    if numeral.isdigit():
        return int(numeral)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "两": 2})
    total, current = 0, 0
    for ch in numeral:
        if ch in digits:
            current = digits[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def _circled_number(ch: str) -> int:
    code = ord(ch)
    return code - 0x2460 + 1 if code <= 0x2473 else code - 0x3251 + 21


def match_marker(text: str) -> Marker | None:
    for scheme, pattern in _SCHEMES:
        m = pattern.match(text)
        if m is None:
            continue
        raw = m.group(2)
        number = _circled_number(raw) if scheme == "circled" else cn_number(raw)
        marker = re.sub(r"\s+", "", m.group(1))
        return Marker(scheme, marker, number, text[m.end() :])
    return None


def starts_numbered(text: str) -> bool:
    return match_marker(text) is not None


def locator_part(marker: Marker, followed_by_bracket: bool) -> str:
    """二、 + （一） reads 二（一）, as the bundled documents cite it; 二、一是 keeps the 、."""
    if marker.scheme == "cn" and followed_by_bracket:
        return marker.marker[:-1]
    return marker.marker
