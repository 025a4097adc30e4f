"""Table flowables in the house style: Paragraph cells (escaped, wrapped), thin rules, one accent.

Used by PdfBuilder and usable directly inside `PdfBuilder.flowables(...)` for custom layouts.
Every table sets its cell font explicitly and lets rows taller than a page continue.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from desktop_app.core.pdf.markup import clean_text, escape, split_paragraphs
from desktop_app.core.pdf.page import CONTENT_WIDTH
from desktop_app.core.pdf.styles import (
    ACCENT,
    HEADER_FILL,
    KEY_FILL,
    NOTE_FILL,
    RULE,
    PdfStyles,
)

CELL_PADDING = 4
MIN_COLUMN = 1.6 * cm


def key_value_table(
    rows: Sequence[tuple[str, str]],
    s: PdfStyles,
    *,
    key_width: float | None = None,
    width: float = CONTENT_WIDTH,
) -> Table:
    """A two-column label/value table, e.g. 文号 | 闽政〔2024〕1号.

    Without `key_width` the label column is as wide as the longest label (within limits).
    """
    data = [[Paragraph(escape(k), s.cell_key), Paragraph(escape(v), s.cell)] for k, v in rows]
    label = key_width or label_width([k for k, _ in rows], s.cell_key)
    # splitInRow lets a row taller than a page continue on the next one instead of failing
    # the build; each piece is at least two lines high.
    table = Table(data, colWidths=[label, width - label], splitInRow=2 * s.cell.leading)
    table.setStyle(
        TableStyle(
            [
                *_cell_basics(s),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), KEY_FILL),
                ("LINEABOVE", (0, 0), (-1, 0), 0.75, ACCENT),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.75, ACCENT),
            ]
        )
    )
    return table


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    s: PdfStyles,
    *,
    col_widths: Sequence[float] | None = None,
    width: float = CONTENT_WIDTH,
) -> Table:
    """A table whose header row is repeated on every page it spans.

    `col_widths` are relative weights (e.g. [1, 4, 2]) scaled to `width`; without them the
    widths follow the length of each column's text.
    """
    header_cells = list(header)
    body = [list(r) for r in rows]
    if any(len(r) != len(header_cells) for r in body):
        raise ValueError("every row must have as many cells as the header")
    widths = scale_widths(col_widths or estimate_weights(header_cells, body), width)
    data = [[Paragraph(escape(c), s.cell_header) for c in header_cells]]
    data += [[Paragraph(escape(c), s.cell) for c in r] for r in body]
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=2 * s.cell.leading)
    table.setStyle(
        TableStyle(
            [
                *_cell_basics(s),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEABOVE", (0, 0), (-1, 0), 0.75, ACCENT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ]
        )
    )
    return table


def note_box(
    text: str, s: PdfStyles, *, title: str | None = None, width: float = CONTENT_WIDTH
) -> Flowable:
    """A shaded box for a remark or disclaimer, kept on one page when it fits."""
    cells: list[Flowable] = []
    if title:
        cells.append(Paragraph(escape(title), s.cell_header))
    cells += [Paragraph(escape(b), s.note) for b in split_paragraphs(text)]
    box = Table([[cells]], colWidths=[width], splitInRow=2 * s.note.leading)
    box.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), s.font_name, s.note.fontSize),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ("BACKGROUND", (0, 0), (-1, -1), NOTE_FILL),
                ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
            ]
        )
    )
    return KeepTogether([box])


def label_width(labels: Sequence[str], style: ParagraphStyle) -> float:
    widest = max(
        (stringWidth(clean_text(k), style.fontName, style.fontSize) for k in labels), default=0
    )
    return float(min(max(widest + 2 * CELL_PADDING + 2, 2.2 * cm), 5 * cm))


def estimate_weights(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[float]:
    """Column weights from text length, capped so one long column cannot squeeze the rest."""
    sample = rows[:200]
    weights: list[float] = []
    for col, head in enumerate(header):
        longest = max([_text_width(head)] + [_text_width(r[col]) for r in sample])
        weights.append(float(min(max(longest, 4), 40)))
    return weights


def scale_widths(weights: Sequence[float], total_width: float = CONTENT_WIDTH) -> list[float]:
    """Absolute widths summing to `total_width`, none under MIN_COLUMN where that is possible."""
    if not weights or any(w <= 0 for w in weights):
        raise ValueError("column weights must be positive")
    total = sum(weights)
    widths = [total_width * w / total for w in weights]
    if len(widths) * MIN_COLUMN > total_width:
        return widths  # too many columns for any minimum; plain proportions are the best fit
    widths = [max(w, MIN_COLUMN) for w in widths]
    # Minimum widths may push the sum over the text width; shrink the wider columns back.
    excess = sum(widths) - total_width
    if excess > 0:
        wide = [i for i, w in enumerate(widths) if w > MIN_COLUMN]
        room = sum(widths[i] - MIN_COLUMN for i in wide)
        for i in wide:
            widths[i] -= excess * (widths[i] - MIN_COLUMN) / room
    return widths


def _text_width(text: str) -> int:
    """Rough printed width in half-em units: ideographs count two, Latin letters one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell_basics(s: PdfStyles) -> list[tuple[object, ...]]:
    return [
        # Cells hold Paragraphs, but Table still selects its default Helvetica for each cell,
        # which would put an unembedded font into the file.
        ("FONT", (0, 0), (-1, -1), s.font_name, s.cell.fontSize),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING - 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING + 1),
    ]
