"""Long titles wrap to a second line instead of shrinking to a few characters, and the article
number is never the part that is cut (checked at 15 pt in a 1366×768 window).
Screenshot: gui-results-15pt.png."""

from __future__ import annotations

from conftest import screenshot
from PySide6.QtWidgets import QStyleOptionViewItem
from test_gui_window import rows, search

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.result_delegate import ResultDelegate, source_line


def test_long_titles_wrap_at_15pt(window: MainWindow, qtbot) -> None:
    window.set_font_size(15)
    search(qtbot, window, "贴息")
    view = window.results_view
    delegate = view.itemDelegate()
    assert isinstance(delegate, ResultDelegate)
    shown_rows = rows(window)[:10]
    long_rows = [r for r in shown_rows if len(r.title) >= 20]
    assert long_rows
    for n, row in enumerate(shown_rows):
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, window.model.index(n, 0))
        option.rect = view.visualRect(window.model.index(n, 0))
        shown = delegate.shown_title(option, row).rstrip("…")
        # the whole title, or at least the first 24 characters of a very long one
        assert shown == row.title or len(shown) >= 24, (row.title, shown)
        if row.article_label:
            assert source_line(row).startswith(row.article_label)
    screenshot(window, "gui-results-15pt")
    window.set_font_size(12)
