"""Conditions in one sentence: thresholds, qualifications (and 新认定), entity, sector and
vague wording, the age of the enterprise. Each finding has the sentence span it rests on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from desktop_app.core.structuring.clauses import Span
from desktop_app.core.structuring.lexicon import Lexicon
from desktop_app.core.structuring.numerals import parse_numeral
from desktop_app.core.structuring.patterns import N, money_value, plain_number

_UNITS = r"(亿元|万元|元|万(?=[^人户家个元])|人|名|个|家|项|件|台|套|场|次|亩|平方米|吨|%|％)"
_INCLUSIVE_MIN = ("及以上", "以上", "（含）以上", "不低于", "不少于", "不小于", "达到", "达")
_EXCLUSIVE_MIN = ("超过", "高于", "大于", "突破")
_INCLUSIVE_MAX = ("及以下", "以下", "以内", "不超过", "不高于")
_EXCLUSIVE_MAX = ("低于", "少于", "不足", "不满", "未满", "小于")
_BEFORE_WORDS = "|".join(_INCLUSIVE_MIN[3:] + _EXCLUSIVE_MIN + _INCLUSIVE_MAX[3:] + _EXCLUSIVE_MAX)
_AFTER_WORDS = "|".join(
    re.escape(w) for w in ("（含）以上", "及以上", "以上", "及以下", "以下", "以内")
)
_THRESHOLD_RE = re.compile(
    rf"(?:(?P<before>{_BEFORE_WORDS})\s*)?(?P<num>{N})\s*{_UNITS}\s*(?P<after>{_AFTER_WORDS})?"
)
_ESTABLISHED_RE = re.compile(
    rf"(?:成立|注册|设立)(?:时间)?(?:不满|未满|不超过|在)?({N})\s*年(?:以内|内)?"
)
_NOUN_STOP = re.compile(r"[，,。；、（）()“”对凡为且并或和及的其中按]")
_STRIP_TAIL = re.compile(r"(?:在|达|达到|为|首次|年度|当年|累计|新增)+$")
_INTEGER_UNITS = {"人", "名", "个", "家", "项", "件", "台", "套", "场", "次"}


@dataclass
class FoundCondition:
    start: int
    end: int
    test: dict[str, Any]  # a rule condition without its quote
    confidence: str = "high"
    new_fact: dict[str, Any] | None = None  # a fact the registry lacks, to be added
    notes: list[str] = field(default_factory=list)


class _Taken:
    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.spans)

    def take(self, start: int, end: int) -> None:
        self.spans.append((start, end))


@lru_cache(maxsize=16)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    # longest first, so 专精特新“小巨人” wins over 专精特新 at the same place
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _words(s: str, words: tuple[tuple[str, Any], ...], taken: _Taken) -> list[tuple[int, int, Any]]:
    values = dict(reversed(words))  # the first entry of a word wins
    hits = []
    for m in _alternation(tuple(values)).finditer(s):
        if taken.free(m.start(), m.end()):
            taken.take(m.start(), m.end())
            hits.append((m.start(), m.end(), values[m.group()]))
    return hits


def _qualifications(s: str, lex: Lexicon, taken: _Taken) -> list[FoundCondition]:
    found = []
    for start, end, qid in _words(s, lex.qualifications, taken):
        clause_start = max(s.rfind(c, 0, start) for c in "，,；") + 1
        before = s[clause_start:start]
        new = next((w for w in lex.new_recognition if w in before or s.startswith(w, end)), None)
        test: dict[str, Any] = {"test": "qualification", "any_of": [qid]}
        span_start = start
        if new:
            test["new"] = True
            span_start = min(start, clause_start + before.find(new)) if new in before else start
        found.append(FoundCondition(span_start, end, test))
    return found


def _noun_before(s: str, start: int) -> str:
    head = s[:start]
    stop = max((m.end() for m in _NOUN_STOP.finditer(head)), default=0)
    noun = _STRIP_TAIL.sub("", head[stop:].strip())
    return noun


def _fact_for(noun: str, unit: str) -> dict[str, Any]:
    kind = "integer" if unit in _INTEGER_UNITS else "number"
    label = (
        noun
        if unit not in _INTEGER_UNITS or noun.endswith(("数", "数量"))
        else f"{noun}（{unit}数）"
    )
    return {"label": label, "type": kind, "unit": unit}


def _thresholds(s: str, taken: _Taken) -> list[FoundCondition]:
    found = []
    for m in _THRESHOLD_RE.finditer(s):
        before, after = m.group("before") or "", m.group("after") or ""
        if not (before or after) or not taken.free(m.start(), m.end()):
            continue
        unit = m.group(3)
        if unit in ("亿元", "万"):
            money = money_value(m.group("num"), unit)
            if money is None:
                continue
            value, unit = money
        else:
            parsed = parse_numeral(m.group("num"))
            if parsed is None:
                continue
            value = parsed
        unit = "%" if unit == "％" else unit
        word = before or after
        if word in _INCLUSIVE_MIN or word in _EXCLUSIVE_MIN:
            test: dict[str, Any] = {"test": "fact_min", "min": plain_number(value)}
        else:
            test = {"test": "fact_max", "max": plain_number(value)}
        if word in _EXCLUSIVE_MIN or word in _EXCLUSIVE_MAX:
            test["exclusive"] = True
        noun = _noun_before(s, m.start())
        if len(noun) < 2:
            continue
        taken.take(m.start(), m.end())
        start = s.rfind(noun, 0, m.start())
        found.append(FoundCondition(start, m.end(), test, new_fact=_fact_for(noun, unit)))
    return found


def _established(s: str, taken: _Taken) -> list[FoundCondition]:
    found = []
    for m in _ESTABLISHED_RE.finditer(s):
        years = parse_numeral(m.group(1))
        if years is None or not taken.free(m.start(), m.end()):
            continue
        taken.take(m.start(), m.end())
        test = {"test": "established_within_years", "years": plain_number(years)}
        found.append(FoundCondition(m.start(), m.end(), test))
    return found


def _entities(s: str, lex: Lexicon, taken: _Taken) -> list[FoundCondition]:
    hits = _words(s, lex.entities, taken)
    sizes = [h for h in hits if h[2]["test"] == "size_in"]
    kinds = [h for h in hits if h[2]["test"] == "entity_type"]
    if sizes and kinds:
        # 小微企业和个体工商户: either one; an individual business is not a 小微企业 by itself
        start, end = min(h[0] for h in hits), max(h[1] for h in hits)
        test = {"test": "any_of", "conditions": [sizes[0][2], kinds[0][2]]}
        return [FoundCondition(start, end, test, confidence="medium")]
    return [FoundCondition(a, b, dict(t)) for a, b, t in hits[:1]]


def _confirmations(s: str, lex: Lexicon, taken: _Taken) -> list[FoundCondition]:
    found = []
    for start, end, test in _words(s, lex.fact_words, taken):
        found.append(FoundCondition(start, end, dict(test)))
    for word in lex.sectors:
        at = s.find(word)
        if at >= 0 and taken.free(at, at + len(word)):
            taken.take(at, at + len(word))
            found.append(
                FoundCondition(
                    at,
                    at + len(word),
                    {"test": "confirm", "wording": f"属{word}"},
                    confidence="medium",
                )
            )
    for word in lex.vague:
        at = s.find(word)
        if at >= 0 and taken.free(at, at + len(word)):
            clause_end = min([i for i in (s.find(c, at) for c in "，,；。") if i >= 0] or [len(s)])
            taken.take(at, clause_end)
            wording = s[at:clause_end]
            found.append(
                FoundCondition(
                    at, clause_end, {"test": "confirm", "wording": wording}, confidence="low"
                )
            )
            break  # one vague clause per sentence is enough to send it to a person
    return found


def find_conditions(
    sentence: Span, lex: Lexicon, benefit_spans: list[tuple[int, int]]
) -> list[FoundCondition]:
    """The conditions in this sentence (sentence offsets); figures already read as benefits
    (benefit_spans) are not thresholds."""
    s = sentence.text
    taken = _Taken()
    for span in benefit_spans:
        taken.take(*span)
    found = _qualifications(s, lex, taken)
    found += _established(s, taken)
    found += _thresholds(s, taken)
    found += _entities(s, lex, taken)
    found += _confirmations(s, lex, taken)
    return sorted(found, key=lambda f: f.start)
