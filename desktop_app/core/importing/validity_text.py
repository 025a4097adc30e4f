"""A document's period of validity, from the sentence that states it.

Stated dates are taken as printed. "有效期三年", "暂定三年", "试行两年" give a period only
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


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；\n])", text) if s.strip()]


def _iso(date_text: str) -> str | None:
    parsed = parse_date(date_text)
    return parsed.isoformat() if parsed else None


def find_validity(text: str, issued: str | None) -> Validity:
    found = Validity()
    years: tuple[int, str] | None = None
    for sentence in _sentences(text):
        quote = sentence.strip().rstrip("。；")
        if m := _FROM_TO.search(sentence):
            found.valid_from, found.valid_to = _iso(m.group(1)), _iso(m.group(2))
            found.from_passage = found.to_passage = quote
            found.basis = f"原文载明：“{quote}”"
            continue
        if m := _UNTIL.search(sentence):
            found.valid_to, found.to_passage = _iso(m.group(1)), quote
            found.basis = f"原文载明：“{quote}”"
        if m := _FROM.search(sentence):
            found.valid_from, found.from_passage = _iso(m.group(1)), quote
            found.basis = found.basis or f"原文载明：“{quote}”"
        elif _FROM_ISSUE.search(sentence) and found.valid_from is None:
            found.from_passage = quote
            if issued:
                found.valid_from = issued
                found.basis = f"推定（自印发之日起施行，以成文日期{issued}为起始日）：“{quote}”"
            else:
                found.basis = f"未注明（自印发之日起施行，文中未注明成文日期）：“{quote}”"
        if (y := _YEARS.search(sentence)) and (n := cn_number(y.group(1))):
            years = (n, quote)
    if years and found.valid_to is None:
        n, quote = years
        stated_start = found.valid_from
        start = stated_start or issued
        found.to_passage = quote
        if start:
            end = add_years(parse_date(start), n)  # type: ignore[arg-type]
            found.valid_from, found.valid_to = start, end.isoformat()
            found.from_passage = found.from_passage or quote
            source = "施行日期" if stated_start else "成文日期"
            found.basis = f"推定（有效期{n}年，自{source}{start}起算至{found.valid_to}）：“{quote}”"
        else:
            found.basis = f"未注明（有效期{n}年，文中未注明起算日期）：“{quote}”"
    return found
