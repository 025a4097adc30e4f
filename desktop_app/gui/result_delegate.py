"""Paints one result: title, document and article, validity badge, amount, and the snippet
with the matched words highlighted.

Rows have a fixed height (two title lines, one source line, two snippet lines) so the list
never jumps while results stream in, and the height follows the user's font size. The title
has the row's whole width (a long one wraps to a second line rather than vanish); the badges
sit at the end of the source line, whose article number comes first so it is never cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
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
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.gui import theme
from desktop_app.gui.results_model import ResultRow, Roles

PAD_H = 16
PAD_V = 10
GAP = 4
SNIPPET_LINES = 2
TITLE_LINES = 2
ACCENT_BAR = 4


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


def source_line(row: ResultRow) -> str:
    """Article first: when the line is cut, the document's name loses its end, not the 第N条."""
    return "  ·  ".join(p for p in (row.article_label, row.document_label) if p)


class ResultDelegate(QStyledItemDelegate):
    def shown_title(self, option: QStyleOptionViewItem, row: ResultRow) -> str:
        """What the row shows of its title at option's width and font (for tests and
        accessibility): the whole title unless it needs more than two lines."""
        title_font = self._fonts(option.font)[0]
        width = option.rect.width() - 2 * PAD_H
        return shown_text(fitted_layout(row.title, [], title_font, width, TITLE_LINES))

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont, QFont]:
        title = theme.scaled_font(base, 1, bold=True)
        meta = theme.scaled_font(base, -1)
        snippet = QFont(base)
        badge = theme.scaled_font(base, -1.5)
        return title, meta, snippet, badge

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        title, meta, snippet, _ = self._fonts(option.font)
        height = (
            2 * PAD_V
            + TITLE_LINES * QFontMetrics(title).lineSpacing()
            + GAP
            + QFontMetrics(meta).height()
            + GAP
            + SNIPPET_LINES * QFontMetrics(snippet).lineSpacing()
        )
        return QSize(200, height + 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row = index.data(Roles.ROW)
        if not isinstance(row, ResultRow):
            super().paint(painter, option, index)
            return
        rect: QRect = option.rect
        state = option.state
        title_font, meta_font, snippet_font, badge_font = self._fonts(option.font)
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
        badge_right = self._badge(
            painter,
            badge_font,
            row.validity_label,
            *theme.badge_colours(row.validity_state),
            right,
            y,
            meta_h,
        )
        if row.amount:
            badge_right = self._badge(
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

    @staticmethod
    def _badge(
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
