"""Paints one result row for the results list's delegate (gui/result_delegate.py): title,
document and article, validity badge, amount, and the snippet with the matched words
highlighted, each text fitted to its lines and elided with ….

A module of its own, loaded with the first row painted: its Qt classes (QStyle with its
enums, the text layout types) cost ~10 ms to set up, and at start-up the start page covers
the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle

from desktop_app.gui import theme
from desktop_app.gui.result_delegate import (
    ACCENT_BAR,
    GAP,
    PAD_H,
    PAD_V,
    SNIPPET_LINES,
    TITLE_LINES,
    source_line,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

    from desktop_app.gui.results_model import ResultRow


def _highlight_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(theme.HIGHLIGHT_BG))
    fmt.setForeground(QColor(theme.HIGHLIGHT_FG))
    return fmt


def _layout(
    text: str, spans: Sequence[tuple[int, int]], font: QFont, width: float, max_lines: int
) -> tuple[QTextLayout, bool]:
    layout = QTextLayout(text, font)
    fmt = _highlight_format()
    ranges = []
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        if end > start:
            rng = QTextLayout.FormatRange()
            rng.start, rng.length, rng.format = start, end - start, fmt
            ranges.append(rng)
    layout.setFormats(ranges)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    count = 0
    end = 0
    while count < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
        end = line.textStart() + line.textLength()
        count += 1
    layout.endLayout()
    return layout, end < len(text)


def fitted_layout(
    text: str, spans: Sequence[tuple[int, int]], font: QFont, width: float, max_lines: int
) -> QTextLayout:
    """text wrapped to max_lines of width, the last line elided with … if it does not fit."""
    width = max(10.0, width)
    layout, truncated = _layout(text, spans, font, width, max_lines)
    if truncated:
        last = layout.lineAt(layout.lineCount() - 1)
        head = text[: last.textStart()]
        tail = QFontMetrics(font).elidedText(
            text[last.textStart() :], Qt.TextElideMode.ElideRight, int(width)
        )
        text = head + tail
        keep = len(text) - 1  # the ellipsis itself is never highlighted
        spans = [(a, min(b, keep)) for a, b in spans if a < keep]
        layout, _ = _layout(text, spans, font, width, max_lines)
    return layout


def shown_text(layout: QTextLayout) -> str:
    """The characters a fitted layout shows."""
    lines = [layout.lineAt(i) for i in range(layout.lineCount())]
    return "".join(layout.text()[ln.textStart() : ln.textStart() + ln.textLength()] for ln in lines)


def draw_highlighted(
    painter: QPainter,
    rect: QRectF,
    text: str,
    spans: Sequence[tuple[int, int]],
    font: QFont,
    max_lines: int,
) -> None:
    """Draw text in rect, wrapped to max_lines, eliding with … and keeping highlights."""
    layout = fitted_layout(text, spans, font, rect.width(), max_lines)
    painter.save()
    painter.setClipRect(rect)
    layout.draw(painter, rect.topLeft())
    painter.restore()


def paint_row(
    painter: QPainter,
    option: QStyleOptionViewItem,
    row: ResultRow,
    fonts: tuple[QFont, QFont, QFont, QFont],
) -> None:
    """One result row in option.rect, in the delegate's fonts (title, meta, snippet, badge)."""
    rect: QRect = option.rect
    state = option.state
    title_font, meta_font, snippet_font, badge_font = fonts
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    selected = bool(state & QStyle.StateFlag.State_Selected)
    if selected:
        painter.fillRect(rect, QColor(theme.ACCENT_SOFT))
        painter.fillRect(
            QRect(rect.left(), rect.top(), ACCENT_BAR, rect.height()), QColor(theme.ACCENT)
        )
    elif state & QStyle.StateFlag.State_MouseOver:
        painter.fillRect(rect, QColor("#f3f6fa"))
    painter.setPen(QPen(QColor(theme.BORDER)))
    painter.drawLine(rect.bottomLeft(), rect.bottomRight())

    left = rect.left() + PAD_H
    right = rect.right() - PAD_H
    y = rect.top() + PAD_V

    title_h = TITLE_LINES * QFontMetrics(title_font).lineSpacing()
    painter.setPen(QColor(theme.TEXT))
    draw_highlighted(
        painter,
        QRectF(left, y, right - left, title_h),
        row.title,
        row.title_highlights,
        title_font,
        TITLE_LINES,
    )
    y += title_h + GAP

    # the source line: badges at its end, drawn first so the text knows its room
    meta_h = QFontMetrics(meta_font).height()
    badge_right = draw_badge(
        painter,
        badge_font,
        row.validity_label,
        *theme.badge_colours(row.validity_state),
        right,
        y,
        meta_h,
    )
    if row.amount:
        badge_right = draw_badge(
            painter,
            badge_font,
            row.amount,
            QColor(theme.ACCENT),
            QColor(theme.ACCENT_SOFT),
            badge_right - 8,
            y,
            meta_h,
            max_width=(right - left) * 2 // 5,
        )
    source = source_line(row)
    room = max(0, badge_right - 10 - left)
    painter.setFont(meta_font)
    painter.setPen(QColor(theme.ACCENT if selected else theme.TEXT_MUTED))
    painter.drawText(
        QRect(left, y, room, meta_h),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        QFontMetrics(meta_font).elidedText(source, Qt.TextElideMode.ElideRight, room),
    )
    y += meta_h + GAP

    painter.setPen(QColor(theme.TEXT))
    snippet_h = SNIPPET_LINES * QFontMetrics(snippet_font).lineSpacing()
    draw_highlighted(
        painter,
        QRectF(left, y, right - left, snippet_h),
        row.snippet,
        row.snippet_highlights,
        snippet_font,
        SNIPPET_LINES,
    )
    painter.restore()


def draw_badge(
    painter: QPainter,
    font: QFont,
    text: str,
    fg: QColor,
    bg: QColor,
    right: int,
    top: int,
    line_h: int,
    max_width: int | None = None,
) -> int:
    """Draw a rounded label ending at `right`; returns its left edge. A label wider than
    `max_width` is elided, so a long amount never pushes the title out of the row."""
    metrics = QFontMetrics(font)
    if max_width is not None and metrics.horizontalAdvance(text) + 16 > max_width:
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(max_width - 16, 0))
    width = metrics.horizontalAdvance(text) + 16
    height = metrics.height() + 4
    box = QRectF(right - width, top + (line_h - height) / 2, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(bg)
    painter.drawRoundedRect(box, height / 2, height / 2)
    painter.setPen(fg)
    painter.setFont(font)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
    return int(box.left())
