"""Page furniture: a header line (document title, generation date) and "第 x 页 共 y 页".

The total page count is only known after the last page is laid out, so the canvas holds back
each finished page and draws the furniture on all of them when the document is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from desktop_app.core.pdf.styles import MUTED, RULE, TEXT

HEADER_FONT_SIZE = 9
FOOTER_FONT_SIZE = 9
# Distances from the paper edge; both sit inside the 2 cm margins, clear of the body frame.
HEADER_BASELINE = 1.35 * cm
HEADER_RULE = 1.55 * cm
FOOTER_BASELINE = 1.1 * cm


@dataclass(frozen=True)
class PageDecor:
    font_name: str
    header_title: str  # plain text, drawn as is (not markup)
    header_right: str  # e.g. 生成日期：2025年1月5日
    left_margin: float
    right_margin: float


def page_label(page: int, total: int) -> str:
    return f"第 {page} 页 共 {total} 页"


class NumberedCanvas(Canvas):
    """Use as `canvasmaker=functools.partial(NumberedCanvas, decor=...)`."""

    def __init__(self, *args: Any, decor: PageDecor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decor = decor
        self._saved_pages: list[dict[str, Any]] = []
        self.page_count = 0

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for number, state in enumerate(self._saved_pages, start=1):
            self.__dict__.update(state)
            self._draw_furniture(number, total)
            super().showPage()
        self.page_count = total
        self._saved_pages = []
        super().save()

    def _draw_furniture(self, page: int, total: int) -> None:
        decor = self._decor
        width, height = self._pagesize
        left = decor.left_margin
        right = width - decor.right_margin
        self.saveState()
        self.setFont(decor.font_name, HEADER_FONT_SIZE)
        self.setFillColor(MUTED)
        title = _fit(self, decor.header_title, decor, (right - left) * 0.7)
        self.drawString(left, height - HEADER_BASELINE, title)
        self.drawRightString(right, height - HEADER_BASELINE, decor.header_right)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(left, height - HEADER_RULE, right, height - HEADER_RULE)
        self.setFont(decor.font_name, FOOTER_FONT_SIZE)
        self.setFillColor(TEXT)
        self.drawCentredString(width / 2, FOOTER_BASELINE, page_label(page, total))
        self.restoreState()


def _fit(canvas: Canvas, text: str, decor: PageDecor, max_width: float) -> str:
    """Shorten a long header title with "…" so it never runs into the date."""
    if canvas.stringWidth(text, decor.font_name, HEADER_FONT_SIZE) <= max_width:
        return text
    while text and canvas.stringWidth(text + "…", decor.font_name, HEADER_FONT_SIZE) > max_width:
        text = text[:-1]
    return text + "…"
