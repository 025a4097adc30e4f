"""A document's period of validity, from the sentence that states it.

`basis` is "<原文载明|推定|未注明>：<rule>；原文“<quote>”" (原文载明 has the quote only), the form
core/validity reads: a basis starting with 推定 marks a derived period. Stated dates are
taken as printed. "有效期三年", "暂定三年", "试行两年" give a period only
together with a start: the stated start date, or the document's date (then 推定, with the
rule and the quote as its basis); with no date at all the end stays None and the basis says
未注明. "自印发之日起施行" takes the document's date as its start, also 推定.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.importing.dates import DATE, add_years, parse_date
from desktop_app.core.importing.numbering import cn_number

_FROM_TO = re.compile(rf"有效期(?:为|是)?(?:从|自)?({DATE})(?:起)?(?:至|到|—|－|-|~|～)({DATE})")
_UNTIL = re.compile(rf"有效期(?:至|到)({DATE})")
_FROM = re.compile(rf"自({DATE})起(?:施行|执行|实施|生效)")
_FROM_ISSUE = re.compile(r"自(?:印发|发布|公布|下发)之日起(?:施行|执行|实施|生效)")
_YEARS = re.compile(r"(?:有效期(?:为|暂定)?|暂定|试行)([一二两三四五六七八九十\d]{1,3})年")


@dataclass
class Validity:
    valid_from: str | None = None
    valid_to: str | None = None
    basis: str | None = None
    from_passage: str | None = None
    to_passage: str | None = None


# The document speaking of itself: 本办法自…起施行, 本方案有效期…
_SELF = re.compile(
    r"本(?:若干)?(?:办法|方案|措施|细则|规定|意见|通知|政策|文件|计划|规划|要点|条例|实施方案|行动方案)"
)
# How many closing lines (the last article, a signature, a date) count without 本办法.
_CLOSING_LINES = 5


def _sentences(text: str) -> list[str]:
    """The sentences that can state the document's own period: those naming the document
    (本办法…), or any in its closing lines. "认定有效期三年" inside a measure is the period
    of a qualification, not of the document."""
    lines = text.split("\n")
    tail = len(lines) - _CLOSING_LINES
    sentences = []
    for index, line in enumerate(lines):
        for sentence in re.split(r"(?<=[。；])", line):
            if sentence.strip() and (index >= tail or _SELF.search(sentence)):
                sentences.append(sentence)
    return sentences


def _iso(date_text: str) -> str | None:
    parsed = parse_date(date_text)
    return parsed.isoformat() if parsed else None


_ALL = (_FROM_TO, _UNTIL, _FROM, _FROM_ISSUE, _YEARS)


def _clause(sentence: str, _match: re.Match[str]) -> str:
    """The clauses of `sentence` that state the period: from the comma before the first
    statement to the comma after the last ("本措施自…起施行，有效期三年", without the rest)."""
    spans = [m.span() for pattern in _ALL for m in pattern.finditer(sentence)]
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    begin = max(sentence.rfind(c, 0, start) for c in "，,：") + 1
    ends = [i for i in (sentence.find(c, end) for c in "，,。；") if i >= 0]
    return sentence[begin : min(ends) if ends else len(sentence)].strip()


def find_validity(text: str, issued: str | None) -> Validity:
    found = Validity()
    years: tuple[int, str] | None = None
    for sentence in _sentences(text):
        if m := _FROM_TO.search(sentence):
            quote = _clause(sentence, m)
            found.valid_from, found.valid_to = _iso(m.group(1)), _iso(m.group(2))
            found.from_passage = found.to_passage = quote
            found.basis = f"原文载明：“{quote}”"
            continue
        if m := _UNTIL.search(sentence):
            quote = _clause(sentence, m)
            found.valid_to, found.to_passage = _iso(m.group(1)), quote
            found.basis = f"原文载明：“{quote}”"
        if m := _FROM.search(sentence):
            quote = _clause(sentence, m)
            found.valid_from, found.from_passage = _iso(m.group(1)), quote
            found.basis = found.basis or f"原文载明：“{quote}”"
        elif (m := _FROM_ISSUE.search(sentence)) and found.valid_from is None:
            quote = found.from_passage = _clause(sentence, m)
            if issued:
                found.valid_from = issued
                found.basis = f"推定：自印发之日起施行，以成文日期{issued}为起始日；原文“{quote}”"
            else:
                found.basis = f"未注明：自印发之日起施行，文中未注明成文日期；原文“{quote}”"
        if (y := _YEARS.search(sentence)) and (n := cn_number(y.group(1))):
            years = (n, _clause(sentence, y))
    if years and found.valid_to is None:
        _derive_end(found, years, issued)
    return found


def _derive_end(found: Validity, years: tuple[int, str], issued: str | None) -> None:
    """有效期三年 / 暂定三年: the end from the stated start, else from the document's date."""
    n, quote = years
    stated_start = found.valid_from
    start = stated_start or issued
    found.to_passage = quote
    if start:
        end = add_years(parse_date(start), n)  # type: ignore[arg-type]
        found.valid_from, found.valid_to = start, end.isoformat()
        found.from_passage = found.from_passage or quote
        source = "施行日期" if stated_start else "成文日期"
        found.basis = f"推定：有效期{n}年，自{source}{start}起算至{found.valid_to}；原文“{quote}”"
    else:
        found.basis = f"未注明：有效期{n}年，文中未注明起算日期；原文“{quote}”"
