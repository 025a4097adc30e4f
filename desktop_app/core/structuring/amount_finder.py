"""Benefit amounts in one sentence: fixed, up to, per unit, rates, interest, tiers, year splits
(tiers and year splits in amount_tiers, what the finders share in amount_sentence).

Each finding records the span of the sentence that holds all of its numbers, so the quote built
from it always contains them (the validator checks that again).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from desktop_app.core.structuring.amount_sentence import (
    FoundAmount,
    Sentence,
    awarded,
    is_threshold,
    kind_word,
)
from desktop_app.core.structuring.amount_tiers import tiers, year_parts
from desktop_app.core.structuring.clauses import Span
from desktop_app.core.structuring.lexicon import Lexicon
from desktop_app.core.structuring.numerals import parse_numeral
from desktop_app.core.structuring.patterns import (
    CAP_BEFORE,
    DASH,
    MONEY_RANGE_RE,
    MONEY_RE,
    PCT_RANGE_RE,
    PERCENT_RE,
    THRESHOLD_AFTER,
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
_BASE_RE = re.compile(r"按(?:照)?(?:不超过)?([^，。；按]{2,24}?)的(?:不超过|最高)?\s*$")
_OF_RE = re.compile(r"([^，。；、]{2,16}?)的(?:不超过|最高)?\s*$")
_YEARS_RE = re.compile(rf"(?:最长|不超过|期限|连续)?({N})\s*(?:个)?年")
_FULL_RE = re.compile(
    r"(?:对|将)?([^，。；]{2,20}?)(?:给予|予以|实行)?全额(?:补贴|补助|资助|奖励|承担|返还)"
)
_NO_AMOUNT = ("一事一议", "不设上限", "上不封顶", "据实")


def _per_unit(st: Sentence) -> None:
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
        st.take_match(m, amount, base_label=f"计补数量（{m.group(3)}）", base_unit=m.group(3))


def _rates(st: Sentence) -> None:
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
        if kind_word(clause, st.lex) is None and kind_word(s[end : end + 12], st.lex) is None:
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


def _full(st: Sentence) -> None:
    m = _FULL_RE.search(st.s)
    if m and st.free(m.start(), m.end()):
        label = re.sub(r"^(?:对|将|按照|按)?(?:企业)?", "", m.group(1)).strip() or "相关费用"
        st.take_match(m, {"type": "full"}, base_label=label, base_unit="万元")


def _plain_money(st: Sentence) -> None:
    s = st.s
    for m in MONEY_RANGE_RE.finditer(s):
        if not st.free(m.start(), m.end()) or not awarded(s, m.start(), m.end()):
            continue
        money = money_value(m.group(2), m.group(3))
        if money is None:
            continue
        amount = {"type": "up_to", "value": plain_number(money[0]), "unit": money[1]}
        st.take_match(m, amount, notes=[f"原文为区间“{m.group(0)}”，按上限计"])
    for m in MONEY_RE.finditer(s):
        start, end = m.start(), m.end()
        if not st.free(start, end) or is_threshold(s, start, end, st.benefit_context):
            continue
        money = money_value(m.group(1), m.group(2))
        if money is None or not awarded(s, start, end):
            continue
        before = s[max(0, start - 8) : start]
        capped = CAP_BEFORE.search(before) or s[end:].lstrip().startswith("以内")
        kind = "up_to" if capped else "fixed"
        amount = {"type": kind, "value": plain_number(money[0]), "unit": money[1]}
        st.take(FoundAmount(start, end, amount))


def find_amounts(sentence: Span, lex: Lexicon) -> list[FoundAmount]:
    """The benefits with a figure in this sentence (sentence offsets), in reading order."""
    st = Sentence(sentence, lex)
    tiers(st)
    year_parts(st)
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
