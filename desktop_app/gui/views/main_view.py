"""The main window's views, laid out: the search box (and the tip) on top, then the start page
or the results page (filters | results list or empty state | detail pane), and how a search's
outcome is shown in them. The window wires them to the controller (gui/main_window.py)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QListView, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from desktop_app.core.search.wording import fallback_notice, no_result_notice
from desktop_app.gui.result_delegate import ResultDelegate

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.search_controller import SearchOutcome


class MainView(QWidget):
    """Lays out the window's parts; holds the results list, its stack and the two pages.

    Built in two steps so that every part is created inside the container it stays in
    (top, pages, splitter, center, stack): moving a built widget to another parent makes Qt
    re-apply the style sheet to all of it, a sixth of the window's construction."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.top = QWidget(self)
        # the start page until the user types (or asks for the list); then the results
        self.pages = QStackedWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.pages)
        self.splitter.setChildrenCollapsible(False)
        self.center = QWidget(self.splitter)
        self.stack = QStackedWidget(self.center)

    def place(self, window: MainWindow) -> None:
        """Lay out the parts the window created in the containers above."""
        self.search_panel, self.filters, self.model = (
            window.search_panel,
            window.filters,
            window.model,
        )
        self.empty, self.notice, self.detail = window.empty, window.notice, window.detail
        self.results_view = QListView(self.stack)
        self.results_view.setModel(self.model)
        self.results_view.setItemDelegate(ResultDelegate(self.results_view))
        self.results_view.setUniformItemSizes(True)
        self.results_view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results_view.setMouseTracking(True)
        self.results_view.setAccessibleName("搜索结果")
        self.results_view.setSelectionMode(QListView.SelectionMode.SingleSelection)

        self.stack.addWidget(self.results_view)
        self.stack.addWidget(self.empty)

        center_layout = QVBoxLayout(self.center)
        center_layout.setContentsMargins(6, 10, 6, 10)
        center_layout.setSpacing(8)
        center_layout.addWidget(self.notice)
        center_layout.addWidget(self.stack, 1)

        self.splitter.addWidget(self.filters)
        self.splitter.addWidget(self.center)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([300, 520, 540])

        top_layout = QVBoxLayout(self.top)
        top_layout.setContentsMargins(14, 12, 14, 4)
        top_layout.addWidget(self.search_panel)
        top_layout.addWidget(window.tip)  # on the start page and over the results alike
        root_layout = QVBoxLayout(self)
        root_layout.setContentsMargins(0, 0, 0, 0)
        root_layout.setSpacing(0)
        root_layout.addWidget(self.top)
        self.pages.addWidget(window.start_page)
        self.pages.addWidget(self.splitter)
        root_layout.addWidget(self.pages, 1)

    def show_outcome(self, outcome: SearchOutcome, keep_item: str | None) -> bool:
        """The results (keep_item stays current when it is among them), their facets and notes;
        or the empty state saying why nothing was found. False when there are no results."""
        result = outcome.result
        self.model.set_rows(outcome.rows, result.total)
        self.filters.set_facets(result.facets)
        notes = [fallback_notice(outcome.query, result)] if result.fallback and result.hits else []
        notes += result.notes  # e.g. a pasted page: only its first 200 characters are searched
        self.notice.set_text(escape(" ".join(notes)))
        self.notice.setVisible(bool(notes))
        if not outcome.rows:
            self.empty.show_no_results(
                outcome.query,
                result.suggestions,
                self.filters.active_count() > 0,
                no_result_notice(outcome.query, result) if outcome.query.strip() else None,
            )
            self.stack.setCurrentWidget(self.empty)
            self.detail.clear()
            return False
        self.stack.setCurrentWidget(self.results_view)
        row = max(0, self.model.row_of(keep_item)) if keep_item else 0
        self.results_view.setCurrentIndex(self.model.index(row, 0))
        if row == 0:
            self.results_view.scrollToTop()
        self.results_view.scrollTo(self.model.index(row, 0))
        return True

    def status_text(self, outcome: SearchOutcome) -> str:
        total = outcome.result.total
        query = outcome.query.strip()
        head = f"找到 {total} 条与“{query}”相关的政策条目" if query else f"共 {total} 条政策条目"
        filters = self.filters.active_count()
        if filters:
            head += f"（已应用 {filters} 项筛选）"
        return head + f" · 用时 {outcome.result.elapsed_ms:.0f} 毫秒"

    def move_current(self, step: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        row = self.results_view.currentIndex().row()
        row = 0 if row < 0 else max(0, min(count - 1, row + step))
        index = self.model.index(row, 0)
        self.results_view.setCurrentIndex(index)
        self.results_view.scrollTo(index)
        if row >= count - 3 and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
