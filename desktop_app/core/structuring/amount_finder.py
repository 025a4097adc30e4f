"""Benefit amounts in one sentence: fixed, up to, per unit, rates, interest, tiers, year splits.

Each finding records the span of the sentence that holds all of its numbers, so the quote built
from it always contains them (the validator checks that again).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop_app.core.structuring.clauses import Span
from desktop_app.core.structuring.lexicon import Lexicon
from desktop_app.core.structuring.numerals import parse_numeral
from desktop_app.core.structuring.patterns import (
    CAP_BEFORE,
    DASH,
    MONEY_RANGE_RE,
    MONEY_RE,
    MONEY_UNIT,
    PCT_RANGE_RE,
    PERCENT_RE,
    THRESHOLD_AFTER,
    THRESHOLD_BEFORE,
    N,
    money_value,
    plain_number,
)

_PER_UNIT_RE = re.compile(
    # 每户 / 每家 is per enterprise (a fixed amount or a cap), not a count
    rf"每(满)?({N})?(万)?(平方米|[人场次亩个台套项件名])[^，。；]{{0,8}}?"
    rf"(最高|不超过|最多)?(?:给予|奖励|补助|补贴|资助)?({N})\s*(万元|元)"
)
_SLASH_UNIT_RE = re.compile(rf"({N})\s*(万元|元)\s*[/／]\s*(人|亩|户|家|个|台|套|场|次|平方米)")
_CAP_AFTER_RE = re.compile(
    rf"(?:总额|累计|合计|最高|最多|每家|每户|单户|单个|同一|每个|上限|不超过)[^，。；\d]{{0,10}}?"
    rf"(?:不超过|最高|最多|不高于|为)?({N})\s*({MONEY_UNIT})"
)
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
_BASE_RE = re.compile(r"按(?:照)?(?:不超过)?([^，。；按]{2,24}?)的(?:不超过|最高)?\s*$")
_OF_RE = re.compile(r"([^，。；、]{2,16}?)的(?:不超过|最高)?\s*$")
_YEARS_RE = re.compile(rf"(?:最长|不超过|期限|连续)?({N})\s*(?:个)?年")
_FULL_RE = re.compile(
    r"(?:对|将)?([^，。；]{2,20}?)(?:给予|予以|实行)?全额(?:补贴|补助|资助|奖励|承担|返还)"
)
_NO_AMOUNT = ("一事一议", "不设上限", "上不封顶", "据实")
_AWARD_AFTER = re.compile(
    r"^\s*(?:的)?(?:一次性)?(?:奖励|补助|补贴|资助|奖补|扶持|支持|经费|资金|补偿|奖金)"
)
_AWARD_BEFORE = ("给予", "奖励", "补助", "补贴", "资助", "奖补", "一次性", "拨付", "安排", "扶持")
_TIER_SPLIT = re.compile(r"[、，,和及或]")


@dataclass
class FoundAmount:
    start: int  # sentence offsets of the figures it rests on
    end: int
    amount: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    confidence: str = "high"
    tier_label: str | None = None  # a tier (分别给予…) or a year part (第一年)
    base_label: str | None = None  # the rate's or count's base, to be a fact
    base_unit: str | None = None
    tier_index: int | None = None


def _kind_word(text: str, lex: Lexicon) -> str | None:
    for word, _ in lex.benefit_kinds:
        if word in text:
            return word
    return None


def _awarded(s: str, start: int, end: int) -> bool:
    """Whether the figure at [start, end) is something given (not an investment or a fund)."""
    clause_start = max(s.rfind(sep, 0, start) for sep in "，,。；") + 1
    before = s[clause_start:start]
    return bool(_AWARD_AFTER.match(s[end:])) or any(w in before for w in _AWARD_BEFORE)


def _is_threshold(s: str, start: int, end: int, benefit_context: bool) -> bool:
    if THRESHOLD_AFTER.match(s[end:]) and not s[end:].lstrip().startswith("以内"):
        return True
    before = s[max(0, start - 6) : start]
    if THRESHOLD_BEFORE.search(before) and not CAP_BEFORE.search(before):
        return True
    if s[end:].lstrip().startswith("以内") or re.search(r"不超过$|不高于$", before):
        return not benefit_context
    return False


class _Sentence:
    def __init__(self, span: Span, lex: Lexicon) -> None:
        self.s = span.text
        self.lex = lex
        self.used: list[tuple[int, int]] = []
        self.found: list[FoundAmount] = []
        self.benefit_context = _kind_word(self.s, lex) is not None

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.used)

    def take(self, found: FoundAmount, *spans: tuple[int, int]) -> None:
        self.found.append(found)
        self.used.extend(spans or [(found.start, found.end)])

    def cap_after(self, end: int) -> tuple[dict[str, Any], tuple[int, int]] | None:
        match = _CAP_AFTER_RE.search(self.s, end)
        if match is None or not self.free(match.start(1), match.end(2)):
            return None
        between = self.s[end : match.start()]
        if "。" in between or len(between) > 30:
            return None
        value = money_value(match.group(1), match.group(2))
        if value is None:
            return None
        return {"cap": plain_number(value[0]), "cap_unit": value[1]}, (match.start(1), match.end(2))


def _tiers(st: _Sentence) -> None:
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


def _tier_caps(st: _Sentence, end: int, count: int) -> tuple[list[dict[str, Any]], int] | None:
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


def _named_tiers(st: _Sentence) -> None:
    for match in _NAMED_TIERS_RE.finditer(st.s):
        if not st.free(match.start(), match.end()):
            continue
        for index, part in enumerate(_NAMED_PART_RE.finditer(match.group(1))):
            money = money_value(part.group(2), part.group(3))
            if money is None:
                continue
            label = re.sub(r"^(?:按照|按|对)", "", part.group(1)).strip("、，和及 ")
            amount = {"type": "fixed", "value": plain_number(money[0]), "unit": money[1]}
            st.take(
                FoundAmount(
                    match.start(),
                    match.end(),
                    amount,
                    confidence="medium",
                    notes=["分档给予，各档择一、不叠加"],
                    tier_label=label or None,
                    tier_index=index,
                )
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


def _year_parts(st: _Sentence) -> None:
    parts = [m for m in _YEAR_PART_RE.finditer(st.s) if st.free(m.start(), m.end())]
    if len(parts) < 2:
        return
    others = [
        m
        for m in MONEY_RE.finditer(st.s)
        if st.free(m.start(), m.end())
        and not any(p.start() <= m.start() < p.end() for p in parts)
        and _awarded(st.s, m.start(), m.end())
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


def _per_unit(st: _Sentence) -> None:
    for m in _PER_UNIT_RE.finditer(st.s):
        if not st.free(m.start(6), m.end(7)):
            continue
        money = money_value(m.group(6), m.group(7))
        if money is None:
            continue
        count_unit = ("万" if m.group(3) else "") + m.group(4)
        amount: dict[str, Any] = {
            "type": "per_unit",
            "per_unit": plain_number(money[0]),
            "unit": money[1],
            "count_unit": count_unit,
        }
        if m.group(5):
            amount["at_most"] = True
        found = FoundAmount(
            m.start(),
            m.end(),
            amount,
            confidence="medium",
            base_label=f"计补数量（{count_unit}）",
            base_unit=count_unit,
        )
        if m.group(2) and parse_numeral(m.group(2)) not in (None, Decimal(1)):
            found.notes.append(f"原文按每满{m.group(2)}{count_unit}计，请核对计补数量的口径")
        spans = [(m.start(), m.end())]
        cap = st.cap_after(m.end())
        if cap:
            amount.update(cap[0])
            found.end = cap[1][1]
            spans.append(cap[1])
        st.take(found, *spans)
    for m in _SLASH_UNIT_RE.finditer(st.s):
        if not st.free(m.start(), m.end()):
            continue
        money = money_value(m.group(1), m.group(2))
        if money is None:
            continue
        amount = {
            "type": "per_unit",
            "per_unit": plain_number(money[0]),
            "unit": money[1],
            "count_unit": m.group(3),
        }
        if CAP_BEFORE.search(st.s[max(0, m.start() - 6) : m.start()]):
            amount["at_most"] = True
        st.take(
            FoundAmount(
                m.start(),
                m.end(),
                amount,
                confidence="medium",
                base_label=f"计补数量（{m.group(3)}）",
                base_unit=m.group(3),
            )
        )


def _rates(st: _Sentence) -> None:
    s = st.s
    matches: list[tuple[int, int, str, str]] = []  # start, end, number, sign
    for m in PCT_RANGE_RE.finditer(s):
        if st.free(m.start(), m.end()):
            matches.append((m.start(), m.end(), m.group(2), m.group(3)))
            st.used.append((m.start(), m.end()))
    for m in PERCENT_RE.finditer(s):
        if st.free(m.start(), m.end()):
            matches.append((m.start(), m.end(), m.group(1), m.group(2)))
    for start, end, number, sign in sorted(matches):
        is_range = bool(re.search(DASH, s[start:end]))
        before = s[max(0, start - 8) : start]
        clause_end = min([i for i in (s.find(c, end) for c in "，。；") if i >= 0] or [len(s)])
        clause = s[max(s.rfind("，", 0, start), s.rfind("；", 0, start)) + 1 : clause_end]
        if THRESHOLD_AFTER.match(s[end:]) or re.search(
            r"增长|增速|占|比重|达到|高于|低于|提高", before
        ):
            continue
        if _kind_word(clause, st.lex) is None and _kind_word(s[end : end + 12], st.lex) is None:
            continue
        value = parse_numeral(number)
        if value is None:
            continue
        key = "permille" if sign == "‰" else "percent"
        amount: dict[str, Any] = {"type": "rate", key: plain_number(value)}
        found = FoundAmount(start, end, amount)
        if is_range or "不超过" in before or "最高" in before:
            amount["at_most"] = True
        if is_range:
            found.notes.append(f"原文为区间“{s[start:end]}”，按上限计")
            found.confidence = "medium"
        base = _BASE_RE.search(s[:start]) or _OF_RE.search(s[:start])
        years = _YEARS_RE.search(s)
        if "贴息" in s and (base is None or "利率" not in base.group(1)) and years:
            amount.clear()
            amount.update(
                {
                    "type": "interest",
                    key: plain_number(value),
                    "years": plain_number(parse_numeral(years.group(1)) or Decimal(1)),
                }
            )
            found.base_label, found.base_unit = "贷款金额", "万元"
            found.start, found.end = min(start, years.start()), max(end, years.end())
        elif base is not None:
            label = base.group(1).strip()
            found.base_label = f"按{label}计算的贷款利息" if "利率" in label else label
            found.base_unit = "万元"
            found.start = min(found.start, base.start())
        else:
            found.base_label, found.base_unit = "计补基数（原文未写明）", "万元"
            found.confidence = "low"
            found.notes.append("原文未写明按什么计算比例，请核对计补基数")
        cap = st.cap_after(end)
        spans = [(start, end)]
        if cap and amount["type"] == "rate":
            amount.update(cap[0])
            found.end = max(found.end, cap[1][1])
            spans.append(cap[1])
        st.take(found, *spans)


def _full(st: _Sentence) -> None:
    m = _FULL_RE.search(st.s)
    if m and st.free(m.start(), m.end()):
        label = re.sub(r"^(?:对|将|按照|按)?(?:企业)?", "", m.group(1)).strip() or "相关费用"
        st.take(
            FoundAmount(
                m.start(),
                m.end(),
                {"type": "full"},
                base_label=label,
                base_unit="万元",
                confidence="medium",
            )
        )


def _plain_money(st: _Sentence) -> None:
    s = st.s
    for m in MONEY_RANGE_RE.finditer(s):
        if not st.free(m.start(), m.end()) or not _awarded(s, m.start(), m.end()):
            continue
        money = money_value(m.group(2), m.group(3))
        if money is None:
            continue
        amount = {"type": "up_to", "value": plain_number(money[0]), "unit": money[1]}
        st.take(
            FoundAmount(
                m.start(),
                m.end(),
                amount,
                confidence="medium",
                notes=[f"原文为区间“{m.group(0)}”，按上限计"],
            )
        )
    for m in MONEY_RE.finditer(s):
        start, end = m.start(), m.end()
        if not st.free(start, end) or _is_threshold(s, start, end, st.benefit_context):
            continue
        money = money_value(m.group(1), m.group(2))
        if money is None or not _awarded(s, start, end):
            continue
        before = s[max(0, start - 8) : start]
        capped = CAP_BEFORE.search(before) or s[end:].lstrip().startswith("以内")
        kind = "up_to" if capped else "fixed"
        amount = {"type": kind, "value": plain_number(money[0]), "unit": money[1]}
        st.take(FoundAmount(start, end, amount))


def find_amounts(sentence: Span, lex: Lexicon) -> list[FoundAmount]:
    """The benefits with a figure in this sentence (sentence offsets), in reading order."""
    st = _Sentence(sentence, lex)
    _tiers(st)
    _year_parts(st)
    _per_unit(st)
    _rates(st)
    _full(st)
    _plain_money(st)
    for word in _NO_AMOUNT:
        if word in st.s:
            where = st.s.index(word)
            if st.found:
                for found in st.found:
                    found.notes.append(f"原文：{word}")
            else:
                note = f"{word}，原文未给出可计算的金额"
                st.found.append(
                    FoundAmount(
                        where,
                        where + len(word),
                        {"type": "none"},
                        notes=[note],
                        confidence="medium",
                    )
                )
            break
    return sorted(st.found, key=lambda f: (f.start, f.tier_index or 0))
