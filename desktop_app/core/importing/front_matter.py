"""The lines around the body: title, 文号, status, issuer, date, and a 印发通知 wrapper.

A document usually opens with header lines (附件, 文号, title, （征求意见稿）) and may close with
a signature and a date. A notice "关于印发《X》的通知" wraps the document X, which starts at the
line that repeats X. These lines become metadata (each value with its line as evidence); they
are not items, except the wrapping notice, kept whole as one preamble item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_app.core.importing.cleanup import Paragraph
from desktop_app.core.importing.dates import DATE
from desktop_app.core.importing.numbering import starts_numbered

DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,16}\s*[〔\[【［(（]\s*\d{4}\s*[〕\]】］)）]\s*(?:第\s*)?\d{1,4}\s*号"
)
_DOC_NUMBER_LINE = re.compile(rf"^({DOC_NUMBER.pattern})(?:\s*签发人[：:]?.*)?$")
_DATE_LINE = re.compile(rf"^(?:(?:印发|发布|成文)日期[：:]\s*)?({DATE})(?:印发|发布)?$")
_ATTACHMENT = re.compile(r"^附\s*件\s*\d*[：:]?$")
_PUBLIC = re.compile(r"^[（(](?:此件|本件)?(?:主动公开|公开发布|依申请公开|不予公开)[）)]")
STATUS_LINE = re.compile(r"^[（(]?(征求意见稿|送审稿|草案|讨论稿|试行稿)[）)]?$")
_STATUS_IN_TITLE = re.compile(r"[（(](征求意见稿|送审稿|草案|讨论稿)[）)]")
ORG_LINE = re.compile(
    r"^[\u4e00-\u9fff（）()、]{2,40}?(?:人民政府(?:办公室|办公厅)?|办公厅|办公室|委员会|管委会|"
    r"领导小组|厅|局|委|中心|协会|联合会|总队|分局|支行)$"
)
# 关于印发《X》的通知, or without the marks: 关于印发X的通知
_NOTICE = re.compile(r"^.{0,40}?关于印发(?:.*?《(.+?)》.*|(.+?))的通知$")
_CC = re.compile(r"^(?:抄送|抄报|主送)[：:]")


@dataclass
class FrontMatter:
    title: str | None = None
    title_passage: str | None = None
    doc_number: str | None = None
    doc_number_passage: str | None = None
    status: str | None = None
    status_passage: str | None = None
    issuer: str | None = None
    issued_passage: str | None = None
    notice: list[str] = field(default_factory=list)  # the wrapping 印发通知, line by line
    body_start: int = 0
    body_end: int = 0  # exclusive


def _is_title_like(text: str) -> bool:
    return (
        len(text) <= 60
        and not re.search(r"[。；！？]", text)
        and not text.endswith(("：", ":"))
        and not starts_numbered(text)
        and not _DATE_LINE.match(text)
        and not _DOC_NUMBER_LINE.match(text)
    )


def read_front_matter(paragraphs: list[Paragraph]) -> FrontMatter:
    front = FrontMatter(body_end=len(paragraphs))
    texts = [p.text if p.cells is None else "" for p in paragraphs]
    rows = {i for i, p in enumerate(paragraphs) if p.cells is not None}
    header_end = _header_end(paragraphs)
    notice_at = next((i for i in range(header_end) if _NOTICE.match(texts[i])), None)
    if notice_at is not None:
        notice = _NOTICE.match(texts[notice_at])
        inner = (notice.group(1) or notice.group(2)) if notice else ""
        start = next(
            (j for j in range(notice_at + 1, len(texts)) if _squash(texts[j]) == _squash(inner)),
            None,
        )
        if start is not None:
            front.notice = texts[:start]
            _scan_header(front, texts[:start], title_allowed=False)
            front.title, front.title_passage = texts[start], texts[start]
            front.body_start = start + 1
            _skip_status(front, texts)
            _scan_closing(front, texts, rows)
            return front
    _scan_header(front, texts[:header_end], title_allowed=True)
    front.body_start = _first_body_line(texts, header_end)
    _scan_closing(front, texts, rows)
    return front


def _squash(text: str) -> str:
    return "".join(text.split())


def _header_end(paragraphs: list[Paragraph]) -> int:
    """Header lines run to the first paragraph with a sentence, a number or a table row, plus
    a notice's own lines (addressees, its one paragraph, signature, date)."""
    for i, paragraph in enumerate(paragraphs[:40]):
        text = paragraph.text
        if paragraph.cells is not None or starts_numbered(text):
            return i
        if re.search(r"[。；]", text) or len(text) > 60:
            if any(_NOTICE.match(p.text) for p in paragraphs[:i]):
                return min(len(paragraphs), i + 6)  # the notice's paragraph, signature, date
            return i
    return min(len(paragraphs), 40)


def _scan_header(front: FrontMatter, lines: list[str], *, title_allowed: bool) -> None:
    title_lines: list[str] = []
    title_done = False
    last_title = -1
    for i, text in enumerate(lines):
        if not text:
            continue
        m = _DOC_NUMBER_LINE.match(text)
        if m and front.doc_number is None:
            front.doc_number, front.doc_number_passage = m.group(1), text
            continue
        status = STATUS_LINE.match(text)
        if status:
            front.status, front.status_passage = status.group(1), text
            title_done = title_done or bool(title_lines)
            continue
        date_line = _DATE_LINE.match(text)
        if date_line:
            front.issued_passage = date_line.group(1)
            previous = next((t for t in reversed(lines[:i]) if t), "")
            if ORG_LINE.match(previous):
                front.issuer = previous
            continue
        if ORG_LINE.match(text) and front.issuer is None and not text.endswith("的通知"):
            front.issuer = text
            title_done = title_done or bool(title_lines)
            continue
        if _ATTACHMENT.match(text) or _PUBLIC.match(text):
            continue
        if title_lines and any(lines[last_title + 1 : i]):
            title_done = True  # a title is consecutive lines: another line came between
        if title_allowed and not title_done and _is_title_like(text):
            title_lines.append(text)
            last_title = i
            continue
        if title_lines:
            title_done = True
    if title_lines:
        front.title = "".join(title_lines)
        front.title_passage = front.title if len(title_lines) == 1 else "\n".join(title_lines)
        in_title = _STATUS_IN_TITLE.search(front.title)
        if in_title and front.status is None:
            front.status, front.status_passage = in_title.group(1), in_title.group(0)
        if in_title:
            front.title = front.title.replace(in_title.group(0), "")
    elif title_allowed:
        front.title = None


def _first_body_line(texts: list[str], header_end: int) -> int:
    """Header lines are metadata; the lines after the title that are not (addressees) are text."""
    start = 0
    for i in range(header_end):
        text = texts[i]
        if not text:
            continue
        if (
            _is_title_like(text)
            or _DOC_NUMBER_LINE.match(text)
            or STATUS_LINE.match(text)
            or _ATTACHMENT.match(text)
            or _DATE_LINE.match(text)
        ):
            start = i + 1
        else:
            break
    return start


def _skip_status(front: FrontMatter, texts: list[str]) -> None:
    while front.body_start < len(texts):
        status = STATUS_LINE.match(texts[front.body_start])
        if status is None:
            return
        front.status, front.status_passage = status.group(1), texts[front.body_start]
        front.body_start += 1


def _scan_closing(front: FrontMatter, texts: list[str], rows: set[int]) -> None:
    """A signature and a date (and 抄送 lines) after the last item are metadata, not text."""
    end = len(texts)
    while end > front.body_start and end - 1 not in rows:
        text = texts[end - 1]
        if not text or _CC.match(text) or _DATE_LINE.match(text):
            date_line = _DATE_LINE.match(text) if text else None
            if date_line and front.issued_passage is None:
                front.issued_passage = date_line.group(1)
            end -= 1
            continue
        if ORG_LINE.match(text) and end < len(texts):
            if front.issuer is None:
                front.issuer = text
            end -= 1
            continue
        break
    front.body_end = end
