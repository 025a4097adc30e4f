"""Amounts given as alternatives or parts of one sum: tiers (分别给予A、B和C — one of them,
never added up), tiers named before their amounts (一等奖3万元、二等奖2万元) and year splits
(第一年5万元，第二年3万元 — the parts of one total)."""

from __future__ import annotations

import re
from typing import Any

from desktop_app.core.structuring.amount_sentence import FoundAmount, Sentence, awarded
from desktop_app.core.structuring.numerals import parse_numeral
from desktop_app.core.structuring.patterns import MONEY_RE, MONEY_UNIT, N, money_value, plain_number

_TIER_RE = re.compile(
    rf"分别(?:给予|按)?(?:一次性)?(?:奖励|补助|补贴|资助)?(?P<base>[^\d，。；、]{{0,12}}?)\s*((?:{N}\s*(?:{MONEY_UNIT}|[%％])?\s*[、，,和及或]\s*)+"
    rf"{N}\s*({MONEY_UNIT}|[%％‰]))"
)
_TIER_CAPS_RE = re.compile(
    rf"分别(?:不超过|最高|最高不超过|为)\s*((?:{N}\s*(?:{MONEY_UNIT})?\s*[、，,和及或]\s*)+{N}\s*({MONEY_UNIT}))"
)
# 一等奖3万元、二等奖2万元、三等奖1万元给予奖励: each tier named before its amount
_NAMED_TIERS_RE = re.compile(
    rf"((?:[^\d，。；、]{{1,8}}?{N}\s*{MONEY_UNIT}\s*[、，和及]\s*)+[^\d，。；、]{{1,8}}?{N}\s*{MONEY_UNIT})"
    r"\s*(?:的)?(?:给予|予以)?(?:一次性)?(?:奖励|补助|补贴|资助|奖补|扶持)"
)
_NAMED_PART_RE = re.compile(rf"([^\d，。；、]{{1,8}}?)({N})\s*({MONEY_UNIT})")
_YEAR_PART_RE = re.compile(
    rf"第([一二三四五六七八九十\d]+)年(?:给予|奖励|补助|按)?({N})\s*(万元|元)"
)
_TIER_SPLIT = re.compile(r"[、，,和及或]")


def tiers(st: Sentence) -> None:
    for match in _TIER_RE.finditer(st.s):
        body, final_unit = match.group(2), match.group(3)
        parts = [p.strip() for p in _TIER_SPLIT.split(body) if p.strip()]
        labels = _tier_labels(st.s[: match.start()], len(parts))
        base = (match.group("base") or "").strip() or _base_before(st.s[: match.start()])
        caps = _tier_caps(st, match.end(), len(parts))
        for index, part in enumerate(parts):
            number = re.match(rf"({N})\s*({MONEY_UNIT}|[%％])?", part)
            if number is None or parse_numeral(number.group(1)) is None:
                continue
            unit = number.group(2) or final_unit
            value = parse_numeral(number.group(1))
            assert value is not None
            end = match.end()
            if unit in ("%", "％", "‰"):
                key = "permille" if unit == "‰" else "percent"
                amount: dict[str, Any] = {"type": "rate", key: plain_number(value)}
                if caps:
                    amount.update(caps[0][index])
                    end = caps[1]
            else:
                money = money_value(number.group(1), unit)
                assert money is not None
                amount = {"type": "fixed", "value": plain_number(money[0]), "unit": money[1]}
            found = FoundAmount(
                match.start(),
                end,
                amount,
                confidence="medium",
                notes=["分档给予，各档择一、不叠加（原文“分别”）"],
                tier_label=labels[index] if labels else None,
                tier_index=index,
            )
            if amount["type"] == "rate":
                found.base_label = base or "计补基数（原文未写明）"
                found.base_unit = "万元"
            st.take(found)
        st.used.append((match.start(), match.end()))
        if caps:
            st.used.append((match.end(), caps[1]))
    _named_tiers(st)


def _base_before(prefix: str) -> str | None:
    """按照实际到资额分别给予…: the base named just before 分别."""
    m = re.search(r"按(?:照)?([^，。；按]{2,20}?)$", prefix)
    return m.group(1) if m else None


def _tier_caps(st: Sentence, end: int, count: int) -> tuple[list[dict[str, Any]], int] | None:
    """最高补助金额分别不超过200万元、100万元: one cap per tier, in the same order."""
    m = _TIER_CAPS_RE.search(st.s, end)
    if m is None or len(st.s[end : m.start()]) > 16:
        return None
    unit = m.group(2)
    caps = []
    for part in (p.strip() for p in _TIER_SPLIT.split(m.group(1)) if p.strip()):
        number = re.match(rf"({N})\s*({MONEY_UNIT})?", part)
        money = money_value(number.group(1), number.group(2) or unit) if number else None
        if money is None:
            return None
        caps.append({"cap": plain_number(money[0]), "cap_unit": money[1]})
    return (caps, m.end()) if len(caps) == count else None


def _named_tiers(st: Sentence) -> None:
    for match in _NAMED_TIERS_RE.finditer(st.s):
        if not st.free(match.start(), match.end()):
            continue
        for index, part in enumerate(_NAMED_PART_RE.finditer(match.group(1))):
            money = money_value(part.group(2), part.group(3))
            if money is None:
                continue
            label = re.sub(r"^(?:按照|按|对)", "", part.group(1)).strip("、，和及 ")
            amount = {"type": "fixed", "value": plain_number(money[0]), "unit": money[1]}
            st.take_match(
                match,
                amount,
                notes=["分档给予，各档择一、不叠加"],
                tier_label=label or None,
                tier_index=index,
            )
        st.used.append((match.start(), match.end()))


def _tier_labels(prefix: str, count: int) -> list[str] | None:
    """The enumerated recipients before 分别 (国家级、省级、市级), one per tier, if they line up."""
    head = re.split(r"[，,。；对]", prefix.rstrip("，, "))[-1]
    pieces = [p for p in re.split(r"[、和及或]", head) if p]
    if len(pieces) < count:
        return None
    pieces = pieces[-count:]
    pieces[0] = re.split(r"[的为获]", pieces[0])[-1] or pieces[0]
    # 国家级、省级、市级专精特新企业: the noun after the last tier belongs to every tier
    if all(p.endswith("级") for p in pieces[:-1]) and "级" in pieces[-1]:
        cut = pieces[-1].index("级") + 1
        tail = pieces[-1][cut:]
        pieces = [p + tail for p in pieces[:-1]] + [pieces[-1]]
    return pieces


def year_parts(st: Sentence) -> None:
    parts = [m for m in _YEAR_PART_RE.finditer(st.s) if st.free(m.start(), m.end())]
    if len(parts) < 2:
        return
    others = [
        m
        for m in MONEY_RE.finditer(st.s)
        if st.free(m.start(), m.end())
        and not any(p.start() <= m.start() < p.end() for p in parts)
        and awarded(st.s, m.start(), m.end())
    ]
    for m in parts:
        st.used.append((m.start(), m.end()))
    if others:
        return  # the year parts split a total stated beside them: the total is the benefit
    for m in parts:
        money = money_value(m.group(2), m.group(3))
        if money is None:
            continue
        amount = {"type": "fixed", "value": plain_number(money[0]), "unit": money[1]}
        st.found.append(
            FoundAmount(
                m.start(),
                m.end(),
                amount,
                tier_label=f"第{m.group(1)}年",
                notes=["分年度拨付，各年合计"],
                confidence="medium",
            )
        )
