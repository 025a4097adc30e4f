"""导出政策摘编PDF as an operation: the current search's results (up to EXPORT_LIMIT) written
as a 政策摘编 on the worker, the window's status bar told of progress and outcome."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from desktop_app.core.services import PolicyData
from desktop_app.gui import errors
from desktop_app.gui.settings import Settings
from desktop_app.gui.tasks import TaskError, TaskRunner

if TYPE_CHECKING:
    from desktop_app.gui.search_controller import SearchController

EXPORT_LIMIT = 300  # items in one 政策摘编; more would be a book, not a handout
FOLDER_KEY = "export"


class ExcerptExport(QObject):
    finished = Signal(str)  # the PDF's path

    def __init__(
        self,
        window: QMainWindow,
        controller: SearchController,
        data: Callable[[], PolicyData],
        settings: Settings,
        runner: TaskRunner,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.data = data
        self.settings = settings
        self.runner = runner
        self.action: QAction | None = None  # disabled while a PDF is being written

    def ask_and_export(self) -> None:
        outcome = self.controller.last_outcome
        if outcome is None or not outcome.result.total:
            QMessageBox.information(self.window, "导出政策摘编", "当前没有搜索结果可以导出。")
            return
        folder = self.settings.last_folder(FOLDER_KEY)
        name = f"政策摘编-{outcome.query.strip() or '全部'}-{date.today():%Y%m%d}.pdf"
        path_text, _ = QFileDialog.getSaveFileName(
            self.window, "导出政策摘编PDF", str(Path(folder) / name), "PDF 文件 (*.pdf)"
        )
        if not path_text:
            return
        path = Path(path_text)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        self.settings.set_last_folder(FOLDER_KEY, str(path.parent))
        self.start(path)

    def start(self, path: Path) -> None:
        """Build the PDF of the current results on a worker."""
        outcome = self.controller.last_outcome
        if outcome is None:
            return
        engine = self.controller.engine
        store = self.data().store
        query, filters = outcome.query, outcome.filters

        def work() -> tuple[int, int]:
            # reportlab loads with the first export, not with the window
            from desktop_app.core.pdf.excerpt import build_excerpt_pdf

            hits = engine.search(query, filters, limit=EXPORT_LIMIT, offset=0).hits
            ids = [h.item_id for h in hits]
            pages = int(build_excerpt_pdf(store, ids, path, as_of=filters.as_of))
            return len(ids), pages

        self._enable(False)
        self.window.statusBar().showMessage("正在生成政策摘编PDF…")
        self.runner.run(work, lambda r: self._done(path, r), self._failed)

    def _enable(self, on: bool) -> None:
        if self.action is not None:
            self.action.setEnabled(on)

    def _done(self, path: Path, result: tuple[int, int]) -> None:
        self._enable(True)
        count, pages = result
        self.window.statusBar().showMessage(f"已导出 {count} 条、{pages} 页：{path}", 10000)
        self.finished.emit(str(path))

    def _failed(self, error: TaskError) -> None:
        self._enable(True)
        errors.log_exception(error.exception, error.traceback)
        self.window.statusBar().showMessage("政策摘编PDF没有生成", 8000)
        QMessageBox.warning(
            self.window,
            "导出失败",
            f"政策摘编PDF没有生成。请换一个保存位置再试（文件可能正被其他程序打开）。\n\n"
            f"详细记录已保存到：\n{errors.log_path()}",
        )
