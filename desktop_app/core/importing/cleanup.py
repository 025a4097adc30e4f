"""Undo what extraction did to the text, keep what was published.

Page footers and running headers go; lines broken at the page width or across a page are joined
back into their sentence; spaces that PDF extraction puts between Chinese characters and inside
numbers ("第 1 0 条", "30 万元", "亩 均") go. Nothing else in the text is changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from desktop_app.core.importing.blocks import Block, RawText
from desktop_app.core.importing.numbering import match_marker, starts_numbered
from desktop_app.core.importing.tables import spanning_text
from desktop_app.core.importing.wrapping import continues, line_width, unbalanced

# Whole lines that are a page number: — 3 —, - 3 -, 第3页, 第 3 页 共 10 页, 3/10, Page 3.
_FOOTER = re.compile(
    r"^(?:[-—–－－_\s]*\d{1,4}[-—–－_\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
_DASHED = re.compile(r"[-—–－_]")
_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")


@dataclass
class Paragraph:
    text: str
    cells: list[str] | None = None


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


_ARTICLE_GAP = re.compile(
    r"^(第[\s一二三四五六七八九十百零〇\d]+(?:[章节条]|部分))[ \t\u3000]+(?=\S)"
)


def squeeze_spaces(text: str) -> str:
    """Drop spaces next to a Chinese character or between digits; keep them between words,
    and keep the one space printed after 第X章/节/条 (第一条　为了…). A heading
    number keeps to its word ("9. A级景区" → "9.A级景区")."""
    gap = _ARTICLE_GAP.match(text.strip())
    if gap:
        rest = text.strip()[gap.end() :]
        return _squeeze(gap.group(1)) + " " + _squeeze(rest)
    squeezed = _squeeze(text)
    marker = match_marker(squeezed)
    if marker is not None and marker.scheme != "article":
        return marker.marker + marker.body.lstrip()
    return squeezed


def _squeeze(raw: str) -> str:
    text = raw.strip()

    def keep_or_drop(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        if start == 0 or end == len(text):
            return ""
        before, after = text[start - 1], text[end]
        if _wide(before) or _wide(after) or (before.isdigit() and after.isdigit()):
            return ""
        return " "

    return _SPACE_RUN.sub(keep_or_drop, text)


def _is_footer(line: str, at_page_edge: bool) -> bool:
    text = line.strip()
    if not text or not _FOOTER.match(text):
        return False
    # a bare number is a page number only at a page's edge; dashed or worded ones anywhere
    return at_page_edge or bool(_DASHED.search(text)) or not text.isdigit()


def _page_edges(blocks: list[Block]) -> set[int]:
    """Indexes of the first and last non-blank line of each PDF page."""
    edges: set[int] = set()
    by_page: dict[int, list[int]] = {}
    for i, block in enumerate(blocks):
        if block.page is not None and block.text.strip():
            by_page.setdefault(block.page, []).append(i)
    for indexes in by_page.values():
        edges.update(indexes[:2] + indexes[-2:])
    return edges


def _running_heads(blocks: list[Block], edges: set[int]) -> set[str]:
    """A line repeated at the edge of most pages (the document title as a running head)."""
    pages = {b.page for b in blocks if b.page is not None}
    if len(pages) < 2:
        return set()
    # once per page at most: a line repeated at the top and bottom of one page is not a head
    counts = Counter({(squeeze_spaces(blocks[i].text), blocks[i].page) for i in edges})
    per_text = Counter(text for text, _page in counts)
    needed = len(pages) if len(pages) < 4 else max(3, len(pages) // 2)
    return {text for text, n in per_text.items() if n >= needed and text}


def clean(raw: RawText) -> list[Paragraph]:
    edges = _page_edges(raw.blocks)
    heads = _running_heads(raw.blocks, edges)
    lines: list[tuple[str, str, Block]] = []  # (raw line, cleaned, block)
    for i, block in enumerate(raw.blocks):
        if block.cells is None and _is_footer(block.text, i in edges):
            continue
        if i in edges and squeeze_spaces(block.text) in heads:
            continue
        lines.append((block.text, squeeze_spaces(block.text), block))
    width = line_width([c for _, c, b in lines if b.cells is None]) if raw.wrapped else 0.0
    paragraphs: list[Paragraph] = []
    open_paragraph = False  # the last paragraph may take the next line
    previous_block: Block | None = None
    for raw_line, text, block in lines:
        if block.cells is not None:
            cells = [squeeze_spaces(c) for c in block.cells]
            heading = spanning_text(cells)
            # a merged row across the table is a heading line, not a row
            paragraphs.append(Paragraph(heading) if heading else Paragraph(text, cells))
            open_paragraph = False
            continue
        if not text:
            open_paragraph = False  # a blank line ends a paragraph
            continue
        full = previous_block.reaches_margin if previous_block else None
        joins = open_paragraph and _joins(
            paragraphs[-1].text, raw_line, text, width, raw.wrapped, full, block.indented
        )
        if joins:
            paragraphs[-1].text = _join(paragraphs[-1].text, text)
        else:
            paragraphs.append(Paragraph(text))
        open_paragraph = True
        previous_block = block
    return paragraphs


def _joins(
    previous: str,
    raw_line: str,
    text: str,
    width: float,
    wrapped: bool,
    previous_full: bool | None,
    indented: bool | None,
) -> bool:
    numbered = starts_numbered(text)
    if wrapped:
        return continues(
            previous,
            raw_line,
            width,
            starts_item=numbered,
            previous_full=previous_full,
            indented=indented,
        )
    # paragraphs: only a short title broken inside its 《》 (a manual break in the notice title)
    return len(previous) <= 60 and unbalanced(previous) and not numbered


def _join(previous: str, text: str) -> str:
    if (
        previous[-1].isascii()
        and text[0].isascii()
        and previous[-1].isalpha()
        and text[0].isalpha()
    ):
        return previous + " " + text  # an English word wrapped at a space
    return previous + text
