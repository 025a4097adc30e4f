"""The results list's delegate: the size of a result row and its painting (done in
gui/result_paint.py: title, document and article, validity badge, amount, and the snippet
with the matched words highlighted).

Rows have a fixed height (two title lines, one source line, two snippet lines) so the list
never jumps while results stream in, and the height follows the user's font size. The title
has the row's whole width (a long one wraps to a second line rather than vanish); the badges
sit at the end of the source line, whose article number comes first so it is never cut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate

from desktop_app.gui import theme
from desktop_app.gui.results_model import ResultRow, Roles

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

PAD_H = 16
PAD_V = 10
GAP = 4
SNIPPET_LINES = 2
TITLE_LINES = 2
ACCENT_BAR = 4


def source_line(row: ResultRow) -> str:
    """Article first: when the line is cut, the document's name loses its end, not the 第N条."""
    return "  ·  ".join(p for p in (row.article_label, row.document_label) if p)


class ResultDelegate(QStyledItemDelegate):
    def shown_title(self, option: QStyleOptionViewItem, row: ResultRow) -> str:
        """What the row shows of its title at option's width and font (for tests and
        accessibility): the whole title unless it needs more than two lines."""
        from desktop_app.gui.result_paint import fitted_layout, shown_text

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
        from desktop_app.gui.result_paint import paint_row  # with the first row painted

        paint_row(painter, option, row, self._fonts(option.font))
