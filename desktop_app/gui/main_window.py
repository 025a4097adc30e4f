"""The main window: search box on top; filters, results and details side by side.

The window composes the views and wires them to the SearchController; the views know
nothing of each other. Services come in through the constructor (policy data, controller,
settings, task runner) — nothing is looked up globally.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME
from desktop_app.core.data_state import data_state
from desktop_app.core.search.wording import fallback_notice, no_result_notice
from desktop_app.core.services import PolicyData
from desktop_app.gui import errors, theme
from desktop_app.gui.controllers.changes import ChangesController
from desktop_app.gui.detail_pane import DetailPane
from desktop_app.gui.empty_state import TIP_TEXT, Banner, EmptyState
from desktop_app.gui.enterprises.hook import install_enterprise_menu
from desktop_app.gui.filter_panel import FilterPanel
from desktop_app.gui.result_delegate import ResultDelegate
from desktop_app.gui.results_model import ResultRow, ResultsModel, Roles
from desktop_app.gui.search_controller import SearchController, SearchOutcome
from desktop_app.gui.search_panel import SearchPanel
from desktop_app.gui.settings import FONT_SIZE_DEFAULT, Settings, clamp_font_size
from desktop_app.gui.start_page import StartPage
from desktop_app.gui.structuring.hook import install_structuring
from desktop_app.gui.tasks import TaskError, TaskRunner

if TYPE_CHECKING:  # opened on demand: their modules load when first needed, not at start-up
    from desktop_app.gui.about_dialog import AboutDialog
    from desktop_app.gui.document_reader import DocumentReader
    from desktop_app.gui.help_window import HelpWindow

log = logging.getLogger(__name__)

EXPORT_LIMIT = 300  # items in one 政策摘编; more would be a book, not a handout


class MainWindow(QMainWindow):
    first_results_shown = Signal()
    rebuild_requested = Signal()
    export_finished = Signal(str)  # the PDF's path

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

        # -- views ----------------------------------------------------------------------
        self.search_panel = SearchPanel(settings.history(), self)
        self.filters = FilterPanel(data.documents, categories, data.departments(), self)

        self.model = ResultsModel(self)
        self.results_view = QListView(self)
        self.results_view.setModel(self.model)
        self.results_view.setItemDelegate(ResultDelegate(self.results_view))
        self.results_view.setUniformItemSizes(True)
        self.results_view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results_view.setMouseTracking(True)
        self.results_view.setAccessibleName("搜索结果")
        self.results_view.setSelectionMode(QListView.SelectionMode.SingleSelection)

        self.empty = EmptyState(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.results_view)
        self.stack.addWidget(self.empty)

        self.tip = Banner("Tip", closable=True, parent=self)
        self.tip.set_text(TIP_TEXT)
        self.tip.setVisible(not settings.tip_dismissed())
        self.notice = Banner("Notice", closable=False, parent=self)
        self.notice.hide()

        center = QWidget(self)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(6, 10, 6, 10)
        center_layout.setSpacing(8)
        center_layout.addWidget(self.notice)
        center_layout.addWidget(self.stack, 1)

        self.detail = DetailPane(data, self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.filters)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([300, 520, 540])

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(14, 12, 14, 4)
        top_layout.addWidget(self.search_panel)
        top_layout.addWidget(self.tip)  # on the start page and over the results alike
        root = QWidget(self)
        root_layout = QVBoxLayout(root)
        root_layout.setContentsMargins(0, 0, 0, 0)
        root_layout.setSpacing(0)
        root_layout.addWidget(top)
        # the start page until the user types (or asks for the list); then the results
        self.start_page = StartPage(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.splitter)
        root_layout.addWidget(self.pages, 1)
        self.setCentralWidget(root)
        self.statusBar().showMessage("正在加载…")

        self._build_menus()
        from desktop_app.gui.library_menu import LibraryMenu

        # 文件 → 导入政策文件… / 自行导入的文件…
        self.library_menu = LibraryMenu(
            self, self.file_menu, runner, self.rebuild_action, lambda: self.data.documents
        )
        # 企业 menu (企业评估 / 已保存企业): the wizard and its data load on first use
        self.enterprise_menu = install_enterprise_menu(self)
        self.start_page.bind("new_evaluation", self.enterprise_menu.new_action)
        self.start_page.bind("saved_enterprises", self.enterprise_menu.list_action)
        self.start_page.bind("batch", self.enterprise_menu.batch_action)
        self.start_page.bind("import_document", self.library_menu.import_action)
        # 变化提醒: checked in the background after start (startup calls it), listed on demand
        self.changes = ChangesController(self, runner, settings, lambda: self.data)
        self.changes_action = self._action(
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
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[QKeySequence | QKeySequence.StandardKey | str] | None = None,
        tip: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            # the same keys twice (StandardKey.Quit is Ctrl+Q on Linux) make the shortcut
            # ambiguous, and Qt then triggers neither
            sequences = {QKeySequence(s).toString(): QKeySequence(s) for s in shortcuts}
            action.setShortcuts(list(sequences.values()))
            # Window-wide, so the shortcut works whichever panel has focus.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu("文件(&F)")
        self.export_action = self._action(
            "导出政策摘编PDF(&E)…",
            self.export_pdf,
            ["Ctrl+P"],
            "把当前搜索结果导出为政策摘编PDF",
        )
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        self.rebuild_action = self._action(
            "重建政策数据库(&R)…",
            self.rebuild_requested.emit,
            None,
            "从程序自带的政策文件重新生成数据库",
        )
        file_menu.addAction(self.rebuild_action)
        file_menu.addSeparator()
        quit_action = self._action(
            "退出(&X)", self.quit_app, [QKeySequence.StandardKey.Quit, "Ctrl+Q"]
        )
        # from any window of the app (the reader, a wizard), not only from this one
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        file_menu.addAction(quit_action)

        edit_menu = bar.addMenu("编辑(&E)")
        self.find_action = self._action(
            "搜索(&F)", self.focus_search, [QKeySequence.StandardKey.Find]
        )
        edit_menu.addAction(self.find_action)
        self.escape_action = self._action("清空搜索(&C)", self.clear_search, ["Esc"])
        edit_menu.addAction(self.escape_action)
        edit_menu.addAction(self._action("清除全部筛选(&L)", self.filters.clear, ["Ctrl+Shift+L"]))
        edit_menu.addSeparator()
        self.copy_action = self._action("复制引用(&Y)", self.detail.copy_citation, ["Ctrl+Shift+C"])
        edit_menu.addAction(self.copy_action)
        # Ctrl+O opens a file (导入政策文件), as everywhere else; Enter opens the reader
        self.open_action = self._action("查看原文(&O)\tEnter", self.open_current, ["Ctrl+Return"])
        edit_menu.addAction(self.open_action)
        history = edit_menu.addMenu("搜索历史(&H)")
        history.aboutToShow.connect(lambda: self.search_panel.fill_history_menu(history))

        view_menu = bar.addMenu("视图(&V)")
        view_menu.addAction(
            self._action("放大字号(&I)", lambda: self.change_font_size(1), ["Ctrl+=", "Ctrl++"])
        )
        view_menu.addAction(
            self._action("缩小字号(&D)", lambda: self.change_font_size(-1), ["Ctrl+-"])
        )
        view_menu.addAction(
            self._action("默认字号(&R)", lambda: self.set_font_size(FONT_SIZE_DEFAULT), ["Ctrl+0"])
        )
        view_menu.addSeparator()
        view_menu.addAction(self._action("首页(&S)", self.show_start_page, ["Alt+Home"]))
        view_menu.addAction(
            self._action("转到筛选栏", self._on_results(self.filters.focus_first), ["Alt+1"])
        )
        view_menu.addAction(
            self._action("转到结果列表", self._on_results(self.results_view.setFocus), ["Alt+2"])
        )
        view_menu.addAction(
            self._action("转到政策详情", self._on_results(self.detail.body.setFocus), ["Alt+3"])
        )

        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self._action("使用说明(&G)", self.show_help, ["F1"]))
        help_menu.addAction(self._action("使用提示(&T)", self.show_tip))
        help_menu.addAction(self._action("关于惠企政策通(&A)", self.show_about))

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
        box.navigate.connect(self.move_current)
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
        document order), ready for the first word typed."""
        self.refresh_start_page()
        self.controller.set_filters(self.filters.filters())

    def _busy(self, busy: bool) -> None:
        if busy and self.model.rowCount() == 0 and self.empty.kind == "loading":
            self.statusBar().showMessage("正在搜索…")

    def _show_results(self, outcome: SearchOutcome) -> None:
        same_query = self._outcome is not None and self._outcome.query == outcome.query
        self._outcome = outcome
        result = outcome.result
        # a new search starts at its first result; the same one shown again (filters, a
        # rebuilt index) keeps the item being read
        previous = self.detail.item.id if self.detail.item and same_query else None
        self.model.set_rows(outcome.rows, result.total)
        self.filters.set_facets(result.facets)
        notes = [fallback_notice(outcome.query, result)] if result.fallback and result.hits else []
        notes += result.notes  # e.g. a pasted page: only its first 200 characters are searched
        if notes:
            self.notice.set_text(escape(" ".join(notes)))
            self.notice.show()
        else:
            self.notice.hide()
        if not outcome.rows:
            self.empty.show_no_results(
                outcome.query,
                result.suggestions,
                self.filters.active_count() > 0,
                no_result_notice(outcome.query, result) if outcome.query.strip() else None,
            )
            self.stack.setCurrentWidget(self.empty)
            self.detail.clear()
            self.statusBar().showMessage("没有结果")
        else:
            self.stack.setCurrentWidget(self.results_view)
            row = max(0, self.model.row_of(previous)) if previous else 0
            self.results_view.setCurrentIndex(self.model.index(row, 0))
            if row == 0:
                self.results_view.scrollToTop()
            self.results_view.scrollTo(self.model.index(row, 0))
            status = self._status_text(outcome)
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

    def _status_text(self, outcome: SearchOutcome) -> str:
        total = outcome.result.total
        query = outcome.query.strip()
        head = f"找到 {total} 条与“{query}”相关的政策条目" if query else f"共 {total} 条政策条目"
        filters = self.filters.active_count()
        if filters:
            head += f"（已应用 {filters} 项筛选）"
        return head + f" · 用时 {outcome.result.elapsed_ms:.0f} 毫秒"

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
        self.start_page.set_data_state(
            data_state(
                self.data.documents,
                date.today(),
                (self.data.meta.get("built_at") or "")[:10] or None,
            )
        )
        self.start_page.set_recent(self.enterprise_menu.recent())
        self.start_page.set_changes(*self.changes.last_known())

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

    def _on_results(self, focus: Callable[[], object]) -> Callable[[], None]:
        def go() -> None:
            self.show_results_page()
            focus()

        return go

    def _tip_link(self, href: str) -> None:
        if href == "action:help":
            self.show_help()

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

    # -- PDF export ---------------------------------------------------------------------------
    def export_pdf(self) -> None:
        outcome = self.controller.last_outcome
        if outcome is None or not outcome.result.total:
            QMessageBox.information(self, "导出政策摘编", "当前没有搜索结果可以导出。")
            return
        folder = self.settings.last_folder("export")
        name = f"政策摘编-{outcome.query.strip() or '全部'}-{date.today():%Y%m%d}.pdf"
        path_text, _ = QFileDialog.getSaveFileName(
            self, "导出政策摘编PDF", str(Path(folder) / name), "PDF 文件 (*.pdf)"
        )
        if not path_text:
            return
        path = Path(path_text)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        self.settings.set_last_folder("export", str(path.parent))
        self.start_export(path)

    def start_export(self, path: Path) -> None:
        """Build the PDF of the current results on a worker."""
        outcome = self.controller.last_outcome
        if outcome is None:
            return
        engine = self.controller.engine
        store = self.data.store
        query, filters = outcome.query, outcome.filters

        def work() -> tuple[int, int]:
            # reportlab loads with the first export, not with the window
            from desktop_app.core.pdf.excerpt import build_excerpt_pdf

            hits = engine.search(query, filters, limit=EXPORT_LIMIT, offset=0).hits
            ids = [h.item_id for h in hits]
            pages = int(build_excerpt_pdf(store, ids, path, as_of=filters.as_of))
            return len(ids), pages

        self.export_action.setEnabled(False)
        self.statusBar().showMessage("正在生成政策摘编PDF…")
        self.runner.run(work, lambda r: self._export_done(path, r), self._export_failed)

    def _export_done(self, path: Path, result: tuple[int, int]) -> None:
        self.export_action.setEnabled(True)
        count, pages = result
        self.statusBar().showMessage(f"已导出 {count} 条、{pages} 页：{path}", 10000)
        self.export_finished.emit(str(path))

    def _export_failed(self, error: TaskError) -> None:
        self.export_action.setEnabled(True)
        errors.log_exception(error.exception, error.traceback)
        self.statusBar().showMessage("政策摘编PDF没有生成", 8000)
        QMessageBox.warning(
            self,
            "导出失败",
            f"政策摘编PDF没有生成。请换一个保存位置再试（文件可能正被其他程序打开）。\n\n"
            f"详细记录已保存到：\n{errors.log_path()}",
        )
