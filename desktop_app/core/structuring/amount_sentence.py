"""One sentence as the amount finders read it: what was found in it, which of its spans are
taken, and the tests they share (is a figure given, is it a threshold, a cap after it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.structuring.clauses import Span
from desktop_app.core.structuring.lexicon import Lexicon
from desktop_app.core.structuring.patterns import (
    CAP_BEFORE,
    MONEY_UNIT,
    THRESHOLD_AFTER,
    THRESHOLD_BEFORE,
    N,
    money_value,
    plain_number,
)

_CAP_AFTER_RE = re.compile(
    rf"(?:总额|累计|合计|最高|最多|每家|每户|单户|单个|同一|每个|上限|不超过)[^，。；\d]{{0,10}}?"
    rf"(?:不超过|最高|最多|不高于|为)?({N})\s*({MONEY_UNIT})"
)
_AWARD_AFTER = re.compile(
    r"^\s*(?:的)?(?:一次性)?(?:奖励|补助|补贴|资助|奖补|扶持|支持|经费|资金|补偿|奖金)"
)
_AWARD_BEFORE = ("给予", "奖励", "补助", "补贴", "资助", "奖补", "一次性", "拨付", "安排", "扶持")


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


def kind_word(text: str, lex: Lexicon) -> str | None:
    for word, _ in lex.benefit_kinds:
        if word in text:
            return word
    return None


def awarded(s: str, start: int, end: int) -> bool:
    """Whether the figure at [start, end) is something given (not an investment or a fund)."""
    clause_start = max(s.rfind(sep, 0, start) for sep in "，,。；") + 1
    before = s[clause_start:start]
    return bool(_AWARD_AFTER.match(s[end:])) or any(w in before for w in _AWARD_BEFORE)


def is_threshold(s: str, start: int, end: int, benefit_context: bool) -> bool:
    if THRESHOLD_AFTER.match(s[end:]) and not s[end:].lstrip().startswith("以内"):
        return True
    before = s[max(0, start - 6) : start]
    if THRESHOLD_BEFORE.search(before) and not CAP_BEFORE.search(before):
        return True
    if s[end:].lstrip().startswith("以内") or re.search(r"不超过$|不高于$", before):
        return not benefit_context
    return False


class Sentence:
    """The sentence, the spans its findings have taken (a figure is read once) and the findings."""

    def __init__(self, span: Span, lex: Lexicon) -> None:
        self.s = span.text
        self.lex = lex
        self.used: list[tuple[int, int]] = []
        self.found: list[FoundAmount] = []
        self.benefit_context = kind_word(self.s, lex) is not None

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.used)

    def take(self, found: FoundAmount, *spans: tuple[int, int]) -> None:
        self.found.append(found)
        self.used.extend(spans or [(found.start, found.end)])

    def take_match(self, match: re.Match[str], amount: dict[str, Any], **details: Any) -> None:
        """A finding read from the whole of `match` and nothing else: medium confidence, as
        every pattern that leaves a person something to check (a range, a unit, a tier)."""
        self.take(FoundAmount(match.start(), match.end(), amount, confidence="medium", **details))

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
