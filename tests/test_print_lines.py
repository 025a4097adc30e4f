"""The printed pages read line by line (pypdfium2): no line starts with closing punctuation
(；，、）…) or ends with an opening one (（《“), no heading is cut with "…", and the full report
has no near-empty last page. For the sample enterprise, a 小巨人 manufacturer, a Yanjiang
service firm and two generated enterprises; the 告知单 (简版) and the full report (详版)."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from pdf_helpers import ENTERPRISES, flat, page_lines

from desktop_app.core.batch.synthetic import generate
from desktop_app.core.eligibility.engine import MatchResult, match
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.notice import wording
from desktop_app.core.notice.office import OfficeInfo
from desktop_app.core.pdf.line_breaks import CANNOT_END, CANNOT_START, line_spans
from desktop_app.core.pdf.summary import detail_measures, summary_builder
from desktop_app.core.store import PolicyStore

AS_OF = date(2026, 12, 1)
OFFICE = OfficeInfo("湖里区企业服务中心", "张三", "0592-5551234")
# A last page with fewer lines than this (besides the running header and the page number)
# is near empty: a few lines that a tighter layout would have kept on the page before.
MIN_LAST_PAGE_LINES = 6


def _generated() -> dict[str, dict[str, Any]]:
    """Two enterprises of a generated roster: the one with the most qualifications, and the
    first outside 厦门市 (other documents, other units)."""
    rows = list(generate(60, seed=13).expected.values())
    most = max(rows, key=lambda p: (len(p.get("qualifications") or []), p["name"]))
    away = next(p for p in rows if not str(p.get("region", "")).startswith("3502"))
    return {"generated qualified": most, "generated elsewhere": away}


PROFILES: dict[str, dict[str, Any]] = {
    name: json.loads(path.read_text(encoding="utf-8")) for name, path in ENTERPRISES.items()
} | _generated()


@pytest.fixture(scope="module")
def printed(store: PolicyStore) -> dict[tuple[str, bool], tuple[MatchResult, list[list[str]]]]:
    """(enterprise, brief) → the result and each page's lines, a table cell's lines apart."""
    out = {}
    for name, data in PROFILES.items():
        result = match(store, Profile.from_dict(data), AS_OF)
        for brief in (True, False):
            pdf = summary_builder(result, brief=brief, office=OFFICE, generated=AS_OF)
            out[name, brief] = (result, page_lines(pdf.build_bytes()))
    return out


CASES = [(name, brief) for name in PROFILES for brief in (True, False)]
# "？" starts a line as the mark of 待确认 (✓ 符合 / ？ 待确认 / ✘ 不符合), not as wrapped text
MARKS = {"？"}


def _body(page: list[str]) -> list[str]:
    """A page's lines without the running header and the page number, which the page
    template draws after the content: 惠企政策告知单 | the enterprise | 生成日期：… |
    第 N 页 共 M 页."""
    lines = list(page)
    assert re.fullmatch(r"第 \d+ 页 共 \d+ 页", lines.pop()), page[-1]
    assert lines.pop().startswith("生成日期："), page[-2]
    for _ in range(2):  # the title and the enterprise's name, apart at the gap between them
        if lines and lines[-1] in ("惠企政策告知单", *(p.get("name") for p in PROFILES.values())):
            lines.pop()
    return lines


@pytest.mark.parametrize(("name", "brief"), CASES)
def test_no_line_starts_or_ends_with_the_wrong_punctuation(
    printed: dict[tuple[str, bool], tuple[MatchResult, list[list[str]]]], name: str, brief: bool
) -> None:
    _, pages = printed[name, brief]
    bad = [
        (n, line)
        for n, page in enumerate(pages, start=1)
        for line in page
        if (line[0] in CANNOT_START and line[0] not in MARKS) or line[-1] in CANNOT_END
    ]
    assert not bad, bad[:5]


@pytest.mark.parametrize(("name", "brief"), CASES)
def test_headings_and_titles_are_never_cut(
    printed: dict[tuple[str, bool], tuple[MatchResult, list[list[str]]]], name: str, brief: bool
) -> None:
    result, pages = printed[name, brief]
    text = flat("".join(line for page in pages for line in _body(page)))
    listed, _ = detail_measures(result)
    for m in listed:
        # the whole title, on the 告知单 and (full version) as the measure's heading
        assert flat(wording.title(m)) in text, m.item.id
    # "…" only where the document's own words have it
    own = "".join(
        [wording.title(m) + m.item.text + "".join(b.quote for b in m.benefits) for m in listed]
        + [c.quote for m in result.results for c in m.conditions]
    )
    for page in pages:
        for line in page:
            if "…" in line:
                at = line.index("…")
                assert line[max(0, at - 3) : at + 1] in own, line


@pytest.mark.parametrize("name", list(PROFILES))
def test_full_report_has_no_near_empty_last_page(
    printed: dict[tuple[str, bool], tuple[MatchResult, list[list[str]]]], name: str
) -> None:
    _, pages = printed[name, False]
    assert len(pages) > 2
    assert len(_body(pages[-1])) >= MIN_LAST_PAGE_LINES, pages[-1]


def test_line_breaks_follow_the_chinese_rules() -> None:
    def lines(text: str, width: int) -> list[str]:
        spans = line_spans(text, [1.0] * len(text), [float(width)])
        return [text[a:b] for a, b, _w, _f in spans]

    # an opening bracket goes down with its words; a closing one is not left to start a line
    assert lines("甲乙丙丁（戊己）", 5) == ["甲乙丙丁", "（戊己）"]
    assert lines("甲乙丙丁戊）、己庚", 5) == ["甲乙丙丁", "戊）、己庚"]
    # nothing hangs past the line: the mark goes down with the character before it
    assert lines("甲乙丙丁戊。己", 5) == ["甲乙丙丁", "戊。己"]
    # a number stays with what it counts
    assert lines("甲乙丙丁第16项", 6) == ["甲乙丙丁", "第16项"]
    assert lines("每场不超过30万元", 8) == ["每场不超", "过30万元"]
    # a phone number is not cut unless it is longer than half a line
    assert lines("甲乙丙丁戊己庚辛电话：0592-5551234", 16) == [
        "甲乙丙丁戊己庚辛电话：",
        "0592-5551234",
    ]
    assert lines("A" * 25, 10) == ["A" * 10, "A" * 10, "A" * 5]
