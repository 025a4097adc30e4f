"""Periods derived from a document's own words when it states no validity period (推定).

Three rules, tried in order; each gives the period, the rule in words and the quote it rests on,
and what the document is once the period has passed (`after`: expired or lapsed):

1. 有效期X年 / 暂定X年 counted from the document's date (needs a stated date) → expired after.
2. An annual document (年度文件): a year in the title of a 工作要点/工作计划/工作安排 → that
   calendar year; the plan lapses after it.
3. A work report or plan whose next steps carry deadlines (年底前, 到2020年底前): the latest
   deadline stated; its measures lapse after it.

Used by build-db for the bundled documents and by anything that adds a document (imports), so
every document gets the same treatment. A document with a stated period is never derived.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from desktop_app.core.importing.dates import add_years
from desktop_app.core.importing.numbering import cn_number
from desktop_app.core.validity import EXPIRED, LAPSED

_YEARS_RE = re.compile(r"(?:有效期(?:为)?|暂定)([0-9一二两三四五六七八九十]+)年")
_ANNUAL_TYPES = ("工作要点", "工作计划", "工作安排", "年度计划")
_ANNUAL_TITLE_RE = re.compile(r"((?:19|20)\d{2})年")
_TASK_TYPES = ("工作要点", "工作计划", "工作安排", "工作报告", "工作举措")
_DEADLINE_RE = re.compile(r"(?:到|至|于)?((?:19|20)\d{2})年(?:\d{1,2}月)?底前")


def _quote_around(text: str, start: int, end: int, context: int = 40) -> str:
    """The match with a little of the sentence around it, cut at punctuation."""
    left = text[max(0, start - context) : start]
    right = text[end : end + context]
    left = re.split(r"[。；;，,\n]", left)[-1]
    right = re.split(r"[。；;，,\n]", right)[0]
    return (left + text[start:end] + right).strip()


def _stated_years(issued: str | None, text: str) -> dict[str, Any] | None:
    found = _YEARS_RE.search(text)
    if not found or not issued:
        return None
    years = cn_number(found.group(1))
    if not years:
        return None
    start = date.fromisoformat(issued)
    return {
        "valid_from": start.isoformat(),
        "valid_to": add_years(start, years).isoformat(),
        "rule": f"文中注明“{found.group(0)}”，自成文日期{start.isoformat()}起算",
        "quote": _quote_around(text, found.start(), found.end()),
        "after": EXPIRED,
    }


def _annual(title: str, doc_type: str) -> dict[str, Any] | None:
    if not any(t in doc_type or t in title for t in _ANNUAL_TYPES):
        return None
    found = _ANNUAL_TITLE_RE.search(title)
    if not found:
        return None
    year = int(found.group(1))
    return {
        "valid_from": f"{year}-01-01",
        "valid_to": f"{year}-12-31",
        "rule": f"年度文件：标题所载年份为{year}年，其工作安排以该年度为期",
        "quote": title,
        "after": LAPSED,
    }


def _deadlines(title: str, doc_type: str, text: str) -> dict[str, Any] | None:
    if not any(t in doc_type or t in title for t in _TASK_TYPES):
        return None
    matches = list(_DEADLINE_RE.finditer(text))
    if not matches:
        return None
    latest = max(matches, key=lambda m: int(m.group(1)))
    year = int(latest.group(1))
    return {
        "valid_from": None,
        "valid_to": f"{year}-12-31",
        "rule": f"工作举措所列最晚期限为{year}年底，其后不再作为现行措施",
        "quote": _quote_around(text, latest.start(), latest.end()),
        "after": LAPSED,
    }


def derive_period(
    title: str,
    doc_type: str,
    issued: str | None,
    text: str,
    valid_from: str | None = None,
    valid_to: str | None = None,
) -> dict[str, Any] | None:
    """{valid_from, valid_to, rule, quote, after}, or None when nothing in the text ties the
    document to a period (its validity is then unknown) or it states its own period."""
    if valid_from or valid_to:
        return None
    return (
        _stated_years(issued, text) or _annual(title, doc_type) or _deadlines(title, doc_type, text)
    )
