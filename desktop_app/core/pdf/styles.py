"""Paragraph styles and colours shared by every PDF the app prints.

Sizes follow Chinese print practice so a printed page is comfortable to read: body text at
10.5 pt (五号), tables at 10 pt, footnotes no smaller than 9 pt (小五). All styles wrap with
wordWrap='CJK', which breaks between ideographs; core.pdf.line_breaks keeps 。，、）etc. off the
start of a line and （《“ off its end.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color, HexColor
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


def _style(
    name: str,
    font: str,
    size: float,
    leading: float,
    *,
    color: Color = TEXT,
    alignment: int = TA_LEFT,
    space_before: float = 0,
    space_after: float = 0,
    keep_with_next: bool = False,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading,
        textColor=color,
        alignment=alignment,
        spaceBefore=space_before,
        spaceAfter=space_after,
        keepWithNext=int(keep_with_next),
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
    return PdfStyles(
        title=_style("Title", font, 18, 26, alignment=TA_CENTER, space_after=6),
        subtitle=_style("Subtitle", font, 10.5, 16, color=MUTED, alignment=TA_CENTER),
        h1=_style(
            "Heading1",
            font,
            14,
            20,
            color=ACCENT,
            space_before=14,
            space_after=6,
            keep_with_next=True,
        ),
        h2=_style("Heading2", font, 12, 18, space_before=10, space_after=4, keep_with_next=True),
        body=_style("Body", font, 10.5, 17, space_after=6),
        small=_style("Small", font, 9, 13.5, color=MUTED, space_after=3),
        cell=_style("Cell", font, 10, 14.5),
        cell_header=_style("CellHeader", font, 10, 14.5, color=ACCENT),
        cell_key=_style("CellKey", font, 10, 14.5, color=MUTED),
        note=_style("Note", font, 9.5, 14.5, color=TEXT),
        font_name=font,
    )
