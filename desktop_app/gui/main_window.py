"""The main window: search box on top; filters, results and details side by side.

The window composes the views and wires them to the SearchController; the views know
nothing of each other. Services come in through the constructor (policy data, controller,
settings, task runner) — nothing is looked up globally.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QWidget,
)

from desktop_app import APP_NAME
from desktop_app.core.services import PolicyData
from desktop_app.gui import theme
from desktop_app.gui.controllers.changes import ChangesController
from desktop_app.gui.controllers.menus import add_action, build_menus
from desktop_app.gui.detail_pane import DetailPane
from desktop_app.gui.empty_state import TIP_TEXT, Banner, EmptyState
from desktop_app.gui.enterprises.hook import install_enterprise_menu
from desktop_app.gui.filter_panel import FilterPanel
from desktop_app.gui.operations.excerpt import ExcerptExport
from desktop_app.gui.package_menu import install_package_menu
from desktop_app.gui.results_model import ResultRow, ResultsModel, Roles
from desktop_app.gui.search_controller import SearchController, SearchOutcome
from desktop_app.gui.search_panel import SearchPanel
from desktop_app.gui.settings import Settings, clamp_font_size
from desktop_app.gui.start_page import StartPage
from desktop_app.gui.structuring.hook import install_structuring
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.views.main_view import MainView

if TYPE_CHECKING:  # opened on demand: their modules load when first needed, not at start-up
    from desktop_app.gui.about_dialog import AboutDialog
    from desktop_app.gui.document_reader import DocumentReader
    from desktop_app.gui.help_window import HelpWindow

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    first_results_shown = Signal()
    rebuild_requested = Signal()
    export_finished = Signal(str)  # the PDF's path
    # set by build_menus (gui/controllers/menus.py)
    file_menu: QMenu
    export_action: QAction
    rebuild_action: QAction
    find_action: QAction
    escape_action: QAction
    copy_action: QAction
    open_action: QAction

    def __init__(
        self,
        data: PolicyData,
        controller: SearchController,
        settings: Settings,
        runner: TaskRunner,
        categories: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Qt adds the application's display name (惠企政策通) to every window title itself
        self.setWindowTitle(APP_NAME)
        self.data = data
        self.controller = controller
        self.settings = settings
        self.runner = runner
        self._first_shown = False
        self._reader: DocumentReader | None = None
        self._help: HelpWindow | None = None
        self._outcome: SearchOutcome | None = None
        self._announcement = ""  # shown with the next results' status (e.g. after a rebuild)
        self._open_when_ready = False  # Enter pressed before the results for the text came
        # the current result changed while the start page hid the results: the detail pane is
        # filled when they show (at start-up it would read the measures' rules for nothing)
        self._detail_stale = False

        # laid out (gui/views/main_view.py): each part made in its container, then placed;
        # the results list and the pages are the view's
        self.view = view = MainView(self)
        self.setCentralWidget(view)
        self.search_panel = SearchPanel(settings.history(), view.top)
        self.filters = FilterPanel(data.documents, categories, data.departments(), view.splitter)
        self.model = ResultsModel(self)
        self.empty = EmptyState(view.stack)
        self.tip = Banner("Tip", closable=True, parent=view.top)
        self.tip.set_text(TIP_TEXT)
        self.tip.setVisible(not settings.tip_dismissed())
        self.notice = Banner("Notice", closable=False, parent=view.center)
        self.notice.hide()
        self.detail = DetailPane(data, view.splitter)
        self.start_page = StartPage(view.pages)
        view.place(self)
        self.results_view, self.stack = view.results_view, view.stack
        self.splitter, self.pages = view.splitter, view.pages
        self.statusBar().showMessage("正在加载…")

        # 文件 → 导出政策摘编PDF: an operation of its own (gui/operations/excerpt.py)
        self.excerpt = ExcerptExport(self, controller, lambda: self.data, settings, runner)
        self.excerpt.finished.connect(self.export_finished)
        build_menus(self)  # the menu bar (gui/controllers/menus.py) sets the actions below
        self.excerpt.action = self.export_action
        from desktop_app.gui.library_menu import LibraryMenu

        # 文件 → 导入政策文件… / 自行导入的文件…
        self.library_menu = LibraryMenu(
            self, self.file_menu, runner, self.rebuild_action, lambda: self.data.documents
        )
        self.package_menu = install_package_menu(self, runner)  # 文件 → 导入/导出政策包…
        # 企业 menu (企业评估 / 已保存企业): the wizard and its data load on first use
        self.enterprise_menu = install_enterprise_menu(self)
        self.start_page.bind("new_evaluation", self.enterprise_menu.new_action)
        self.start_page.bind("saved_enterprises", self.enterprise_menu.list_action)
        self.start_page.bind("batch", self.enterprise_menu.batch_action)
        self.start_page.bind("import_document", self.library_menu.import_action)
        # 变化提醒: checked in the background after start (startup calls it), listed on demand
        self.changes = ChangesController(self, runner, settings, lambda: self.data)
        self.changes_action = add_action(
            self,
            "变化提醒(&C)…",
            self.changes.open_list,
            None,
            "按现在的政策数据重新核对已保存企业，看哪些措施新适用、不再适用或即将到期",
        )
        self.enterprise_menu.menu.addSeparator()
        self.enterprise_menu.menu.addAction(self.changes_action)
        # 文件 → 结构化导入的文件…, 编辑 → 本地补充信息… (dialogs load on first use)
        self.structuring = install_structuring(self)
        self._wire()
        self._restore_state()
        self.empty.show_loading()
        self.stack.setCurrentWidget(self.empty)

    # -- construction ------------------------------------------------------------------------
    def quit_app(self) -> None:
        """Close every window; one that asks first (unsaved answers) may keep the app open."""
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible() and not widget.close():
                return
        self.close()

    def _wire(self) -> None:
        self.search_panel.query_changed.connect(self.controller.set_query)
        self.search_panel.query_changed.connect(self._leave_start_page_when_typing)
        self.start_page.browse_all.connect(self.show_results_page)
        self.start_page.recent_chosen.connect(self.enterprise_menu.open_recent)
        self.enterprise_menu.changed.connect(self.refresh_start_page)
        self.start_page.changes_requested.connect(self.changes.open_list)
        self.changes.updated.connect(self.start_page.set_changes)
        self.search_panel.history_cleared.connect(self.settings.clear_history)
        box = self.search_panel.box
        box.navigate.connect(self.view.move_current)
        box.open_current.connect(self.open_current)
        box.escape_pressed.connect(self.clear_search)

        self.filters.filters_changed.connect(self.controller.set_filters)
        self.controller.results_ready.connect(self._show_results)
        self.controller.more_ready.connect(self._append_results)
        self.controller.failed.connect(self._search_failed)
        self.controller.busy_changed.connect(self._busy)
        self.model.more_requested.connect(self.controller.fetch_more)

        selection = self.results_view.selectionModel()
        selection.currentChanged.connect(self._current_changed)
        self.results_view.activated.connect(lambda _index: self.open_current())

        self.detail.open_reader.connect(self.open_reader)
        self.detail.citation_copied.connect(
            lambda text: self.statusBar().showMessage(f"已复制引用：{text}", 6000)
        )
        self.empty.suggestion_chosen.connect(self.search_panel.set_text)
        self.empty.clear_filters_requested.connect(self.filters.clear)
        self.empty.clear_query_requested.connect(lambda: self.search_panel.set_text(""))
        self.empty.rebuild_requested.connect(self.rebuild_requested.emit)
        self.tip.dismissed.connect(lambda: self.settings.set_tip_dismissed(True))
        self.tip.link_activated.connect(
            lambda href: self.show_help() if href == "action:help" else None
        )

    def _restore_state(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 720)  # fits a 1366×768 laptop with the taskbar
        splitter = self.settings.splitter_state("main")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_state(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_splitter_state("main", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if self._reader is not None:
            self._reader.close()
        super().closeEvent(event)

    # -- search results ----------------------------------------------------------------------
    def start(self) -> None:
        """Fill the start page and run the first search (empty query: every item in
        document order), ready for the first word typed. The recent enterprises come just
        after the first results: reading them opens the user database and loads its modules,
        a fifth of the start-up, for a list the user reads after the window is up."""
        self.start_page.set_data_state(self.data.state(date.today()))
        self.start_page.set_changes(*self.changes.last_known())
        self.first_results_shown.connect(
            self.refresh_start_page, Qt.ConnectionType.SingleShotConnection
        )
        self.controller.set_filters(self.filters.filters())

    def _busy(self, busy: bool) -> None:
        if busy and self.model.rowCount() == 0 and self.empty.kind == "loading":
            self.statusBar().showMessage("正在搜索…")

    def _show_results(self, outcome: SearchOutcome) -> None:
        same_query = self._outcome is not None and self._outcome.query == outcome.query
        self._outcome = outcome
        # a new search starts at its first result; the same one shown again (filters, a
        # rebuilt index) keeps the item being read
        previous = self.detail.item.id if self.detail.item and same_query else None
        if not self.view.show_outcome(outcome, previous):
            self.statusBar().showMessage("没有结果")
        else:
            status = self.view.status_text(outcome)
            if self._announcement:
                status, self._announcement = f"{self._announcement} · {status}", ""
            self.statusBar().showMessage(status)
        if self._open_when_ready:
            self._open_when_ready = False
            if outcome.rows:
                self.open_current()
        if not self._first_shown:
            self._first_shown = True
            QTimer.singleShot(0, self.first_results_shown.emit)

    def _append_results(self, outcome: SearchOutcome) -> None:
        self.model.append_rows(outcome.rows)

    def _search_failed(self, message: str) -> None:
        self.model.fetch_failed()
        if self.model.rowCount() == 0:
            self.empty.show_error(message)
            self.stack.setCurrentWidget(self.empty)
        self.statusBar().showMessage(message, 8000)

    def _current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        if self.on_start_page():
            self._detail_stale = True
            return
        self._show_detail(current)

    def _show_detail(self, current: QModelIndex | QPersistentModelIndex) -> None:
        self._detail_stale = False
        row = current.data(Roles.ROW) if current.isValid() else None
        if isinstance(row, ResultRow):
            self.detail.show_item(row.item_id, row.text_highlights, self._as_of())
        else:
            self.detail.clear()

    def _as_of(self) -> date:
        return self.filters.as_of_date()

    def current_row(self) -> ResultRow | None:
        row = self.results_view.currentIndex().data(Roles.ROW)
        return row if isinstance(row, ResultRow) else None

    # -- actions -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_panel.focus()

    def clear_search(self) -> None:
        """Esc: clear the query (and focus the box); when it is already empty, the filters;
        when there are none either, back to the start page."""
        if self.search_panel.text():
            self.search_panel.set_text("")
        elif self.filters.active_count():
            self.filters.clear()
        else:
            self.show_start_page()
        self.search_panel.box.setFocus()

    # -- start page ----------------------------------------------------------------------
    def show_start_page(self) -> None:
        self.pages.setCurrentWidget(self.start_page)
        self.refresh_start_page()

    def show_results_page(self) -> None:
        self.pages.setCurrentWidget(self.splitter)
        if self._detail_stale:
            self._show_detail(self.results_view.currentIndex())

    def on_start_page(self) -> bool:
        return self.pages.currentWidget() is self.start_page

    def _leave_start_page_when_typing(self, text: str) -> None:
        if text.strip():
            self.show_results_page()

    def refresh_start_page(self) -> None:
        """The data's state as of today and the recent enterprises (read when shown)."""
        self.start_page.set_data_state(self.data.state(date.today()))
        self.start_page.set_recent(self.enterprise_menu.recent())
        self.start_page.set_changes(*self.changes.last_known())

    def open_current(self) -> None:
        """Enter: open the current result in the document reader (and remember the query).

        Typed and Enter at once: the results on screen are for the previous text, so wait
        for this query's results and open its first one.
        """
        if self.controller.flush():
            self._open_when_ready = True
            return
        row = self.current_row()
        if row is not None:
            self.open_reader(row.item_id)

    def remember_query(self) -> None:
        query = self.search_panel.text().strip()
        if query:
            self.search_panel.set_history(self.settings.add_history(query))

    def reader(self) -> DocumentReader:
        if self._reader is None:
            from desktop_app.gui.document_reader import DocumentReader

            self._reader = DocumentReader(self.data, self)
        return self._reader

    def open_reader(self, item_id: str) -> None:
        """Open item_id in the reader; a query that led to an opened result joins the history."""
        self.remember_query()
        row = self.current_row()
        highlights = row.text_highlights if row and row.item_id == item_id else ()
        reader = self.reader()
        reader.open_item(item_id, highlights)
        reader.show()
        reader.raise_()
        reader.activateWindow()

    def change_font_size(self, step: int) -> None:
        self.set_font_size(self.settings.font_size() + step)

    def set_font_size(self, size: int) -> None:
        size = clamp_font_size(size)
        self.settings.set_font_size(size)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.set_font_size(app, size)
        self.detail.refresh_fonts()
        self.filters.refresh_fonts()
        if self._reader is not None:
            self._reader.refresh_fonts()
        self.results_view.doItemsLayout()
        self.statusBar().showMessage(f"字号：{size} 磅", 3000)

    def show_help(self, anchor: str = "") -> None:
        from desktop_app.gui.help_window import HelpWindow

        if self._help is None:
            self._help = HelpWindow(self)
        self._help.show()
        self._help.raise_()
        self._help.activateWindow()
        if anchor:
            self._help.show_section(anchor)

    def show_tip(self) -> None:
        self.tip.show()
        self.settings.set_tip_dismissed(False)

    def about_dialog(self) -> AboutDialog:
        from desktop_app.gui.about_dialog import AboutDialog

        return AboutDialog(self.data.meta, self.data.documents, self)

    def show_about(self) -> None:
        self.about_dialog().exec()

    def announce(self, message: str) -> None:
        """Say message in the status bar together with the next results."""
        self._announcement = message

    def set_data(self, data: PolicyData) -> None:
        """After a rebuild: the views forget the old data; the caller searches again."""
        self.data = data
        self.filters.set_documents(data.documents, data.departments())
        self.detail.set_data(data)
        if self._reader is not None:
            self._reader.set_data(data)
        self.model.clear()
