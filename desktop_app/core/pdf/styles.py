"""Paragraph styles and colours shared by every PDF the app prints.

Sizes follow Chinese print practice so a printed page is comfortable to read: body text at
10.5 pt (五号), tables at 10 pt, footnotes no smaller than 9 pt (小五). All styles wrap with
wordWrap='CJK', which breaks between ideographs; core.pdf.line_breaks keeps 。，、）etc. off the
start of a line and （《“ off its end.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from desktop_app.core.pdf import line_breaks
from desktop_app.core.pdf.fonts import register_fonts

# A calm palette: near-black text, grey for secondary text and rules, one dark blue accent.
TEXT = HexColor("#1A1A1A")
MUTED = HexColor("#555555")
RULE = HexColor("#9AA3AD")
ACCENT = HexColor("#1F3A5F")
HEADER_FILL = HexColor("#E6EBF1")
KEY_FILL = HexColor("#F3F5F7")
NOTE_FILL = HexColor("#F6F6F4")


@dataclass(frozen=True)
class PdfStyles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    cell_key: ParagraphStyle
    note: ParagraphStyle
    font_name: str

    def by_name(self, name: str) -> ParagraphStyle:
        style = getattr(self, name, None)
        if not isinstance(style, ParagraphStyle):
            raise KeyError(f"unknown paragraph style: {name}")
        return style


def _base(font: str) -> ParagraphStyle:
    """What every style shares; each style below varies size, leading, colour and spacing."""
    return ParagraphStyle(
        "Base",
        fontName=font,
        textColor=TEXT,
        alignment=TA_LEFT,
        wordWrap="CJK",
        # Without this a table cell narrower than one long Latin token would overflow.
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )


@cache
def get_styles() -> PdfStyles:
    """The shared styles (built once; treat them as read-only, derive copies to vary)."""
    font = register_fonts()
    line_breaks.install()
    base = _base(font)

    def style(name: str, size: float, leading: float, **varied: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, fontSize=size, leading=leading, **varied)

    return PdfStyles(
        title=style("Title", 18, 26, alignment=TA_CENTER, spaceAfter=6),
        subtitle=style("Subtitle", 10.5, 16, textColor=MUTED, alignment=TA_CENTER),
        h1=style(
            "Heading1", 14, 20, textColor=ACCENT, spaceBefore=14, spaceAfter=6, keepWithNext=1
        ),
        h2=style("Heading2", 12, 18, spaceBefore=10, spaceAfter=4, keepWithNext=1),
        body=style("Body", 10.5, 17, spaceAfter=6),
        small=style("Small", 9, 13.5, textColor=MUTED, spaceAfter=3),
        cell=style("Cell", 10, 14.5),
        cell_header=style("CellHeader", 10, 14.5, textColor=ACCENT),
        cell_key=style("CellKey", 10, 14.5, textColor=MUTED),
        note=style("Note", 9.5, 14.5),
        font_name=font,
    )
