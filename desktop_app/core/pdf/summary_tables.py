"""Tables of the 惠企政策适用清单 whose cells hold more than one paragraph (a measure with its
source under it, a condition with its quote), in the same house style as core.pdf.tables.

The summary tables have six or seven columns on an A4 page, so they use 9 pt text (小五, the
smallest size the app prints) and fixed widths, and a narrow 序号 column that
tables.scale_widths' minimum column width would not allow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from desktop_app.core.pdf.markup import clean_text, escape
from desktop_app.core.pdf.page import CONTENT_HEIGHT, CONTENT_WIDTH
from desktop_app.core.pdf.styles import ACCENT, HEADER_FILL, MUTED, RULE, PdfStyles
from desktop_app.core.pdf.tables import CELL_PADDING

# A cell is plain text (one paragraph, newlines break lines) or (text, style name) pieces.
Piece = tuple[str, str]
# A row that does not fit in the space left moves to the next page only when less than this is
# left; with more, it starts here and continues overleaf (a tall list of measures would
# otherwise leave a page almost empty).
_MOVE_BELOW = CONTENT_HEIGHT / 3
Cell = str | Sequence[Piece]


@dataclass(frozen=True)
class GridStyles:
    cell: ParagraphStyle
    header: ParagraphStyle
    muted: ParagraphStyle  # sources and quotes under the main text of a cell
    strong: ParagraphStyle  # amounts and totals
    caption: ParagraphStyle  # the row naming the measure a table belongs to

    def by_name(self, name: str) -> ParagraphStyle:
        styles = {"cell": self.cell, "header": self.header, "muted": self.muted}
        styles["strong"] = self.strong
        styles["caption"] = self.caption
        return styles[name]


@cache
def grid_styles(s: PdfStyles) -> GridStyles:
    cell = ParagraphStyle("GridCell", parent=s.cell, fontSize=9, leading=13)
    return GridStyles(
        cell=cell,
        header=ParagraphStyle("GridHeader", parent=cell, textColor=ACCENT),
        muted=ParagraphStyle("GridMuted", parent=cell, textColor=MUTED, spaceBefore=1),
        strong=ParagraphStyle("GridStrong", parent=cell, textColor=ACCENT),
        caption=ParagraphStyle("GridCaption", parent=cell, textColor=MUTED),
    )


def _cell_flowables(cell: Cell, g: GridStyles) -> list[Flowable]:
    if isinstance(cell, str):
        return [Paragraph(escape(cell), g.cell)]
    return [Paragraph(escape(text), g.by_name(style)) for text, style in cell if text]


def _one_line(cell: Cell, style_name: str, g: GridStyles, room: float) -> tuple[str, str] | None:
    """(text, style) when the cell is one short line that fits its column unwrapped.

    Such cells are given to Table as plain strings: a Paragraph costs a parse and a wrap on
    every layout pass, and a summary has thousands of one-word cells (marks, 未注明, amounts).
    """
    if isinstance(cell, str):
        text, style = cell, style_name
    elif len(cell) == 1:
        text, style = cell[0]
    else:
        return None
    if "\n" in text:
        return None
    cleaned = clean_text(text)
    font = g.by_name(style)
    if stringWidth(cleaned, font.fontName, font.fontSize) > room:
        return None
    return cleaned, style


class _Grid(Table):
    """A Table that splits between rows, and inside a row only when that row cannot fit on a
    page of its own or would leave more than _MOVE_BELOW of this page empty.

    reportlab's Table with splitInRow also splits an ordinary row that merely does not fit in
    the space left: after a page's last whole row it would print the repeated header and the
    top two lines of the next row at the foot of the same page. Relies on Table._calc,
    _splitRows and _rowHeights of the pinned reportlab (5.1).
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        parts: list[Flowable] = self._splitRows(availHeight, doInRowSplit=0)
        if parts:
            return parts
        heights: list[float] = list(self._rowHeights)
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        if len(heights) <= head:
            return []
        first = sum(heights[: head + 1])
        if first <= CONTENT_HEIGHT and availHeight < _MOVE_BELOW:
            return []  # the next row fits on a fresh page and little is left here: move
        # a row taller than a page, or one that would leave most of this page empty
        in_row: list[Flowable] = self._splitRows(availHeight, doInRowSplit=1)
        return in_row


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    s: PdfStyles,
    *,
    widths_cm: Sequence[float],
    width: float = CONTENT_WIDTH,
    caption: str | None = None,
) -> Table:
    """A table with its header repeated on each page it spans; widths are relative (in cm as
    drawn on a 17 cm text width) and scaled to `width`. A `caption` is a first row across all
    columns, repeated with the header (it names what the table belongs to)."""
    if any(len(r) != len(header) for r in rows):
        raise ValueError("every row must have as many cells as the header")
    g = grid_styles(s)
    total = sum(widths_cm)
    widths = [width * w / total for w in widths_cm]
    room = [w - 2 * (CELL_PADDING - 1) - 1 for w in widths]
    data: list[list[object]] = []
    colours: list[tuple[object, ...]] = []
    head_row: list[Cell] = [[(h, "header")] for h in header]
    head_rows: list[Sequence[Cell]] = [head_row]
    if caption is not None:
        head_rows.insert(0, [[(caption, "caption")], *([""] * (len(header) - 1))])
    for y, row in enumerate([*head_rows, *rows]):
        cells: list[object] = []
        for x, cell in enumerate(row):
            # the caption spans every column: it fits in one line of the whole width
            spans = caption is not None and y == 0
            line = _one_line(cell, "cell", g, sum(room) if spans else room[x])
            if line is None:
                cells.append(_cell_flowables(cell, g))
                continue
            text, style = line
            cells.append(text)
            if g.by_name(style).textColor != g.cell.textColor:
                colours.append(("TEXTCOLOR", (x, y), (x, y), g.by_name(style).textColor))
        data.append(cells)
    # splitInRow lets a row taller than a page continue overleaf (see _Grid.split).
    table = _Grid(data, colWidths=widths, repeatRows=len(head_rows), splitInRow=2 * g.cell.leading)
    head = len(head_rows) - 1
    table.setStyle(
        TableStyle(
            [
                # Table picks Helvetica for every cell unless told; it would then be in the file.
                ("FONT", (0, 0), (-1, -1), s.font_name, g.cell.fontSize, g.cell.leading),
                ("TEXTCOLOR", (0, 0), (-1, -1), g.cell.textColor),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING - 1),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING - 1),
                ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING - 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, head), (-1, head), HEADER_FILL),
                ("LINEABOVE", (0, head), (-1, head), 0.75, ACCENT),
                ("LINEBELOW", (0, head), (-1, head), 0.75, ACCENT),
                ("LINEBELOW", (0, head + 1), (-1, -1), 0.4, RULE),
                *(() if caption is None else [("SPAN", (0, 0), (-1, 0))]),
                *colours,
            ]
        )
    )
    return table


class KeepOrSplit(KeepTogether):
    """A block kept on one page where that costs little paper, else split at a chosen point.

    If the block does not fit in the space left on the page: when that space is less than
    `split_above` (and the block fits on a page of its own) the block moves to the next page;
    otherwise it starts here with `head` kept together (a heading with its first table) and
    the rest flows on, so no page is left half empty. reportlab's own keepWithNext cannot do
    this: it does not group a heading with a following KeepTogether.
    """

    def __init__(self, head: list[Flowable], rest: list[Flowable], split_above: float) -> None:
        super().__init__([*head, *rest])
        self._head = head
        self._rest = rest
        self._split_above = split_above

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        height: float = self._H
        frame = getattr(self, "_frame", None)
        frame_height = float(frame._height) if frame is not None else CONTENT_HEIGHT
        if height <= aH:
            return [*self._head, *self._rest]
        if aH < self._split_above and height <= frame_height:
            return [self.FrameBreak(), *self._head, *self._rest]
        # reportlab places the first piece of a split without splitting it again, so the
        # KeepTogether (which always asks to be split) must not come first.
        return [self.NullActionFlowable(), KeepTogether(self._head), *self._rest]
