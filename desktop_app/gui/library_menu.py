"""文件 → 导入政策文件… (Ctrl+O) and 文件 → 自行导入的文件…: the window's seam to the user library.

Reading the file and storing it both run on the task runner's worker (a 30-page PDF takes
about a second); the preview dialog sits in between on the GUI thread. After a change the
window's policy data is reopened as a whole (`changed` carries the status message), the same
path a rebuild takes, so every view sees the new document at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.model import Document
from desktop_app.gui import errors
from desktop_app.gui.catalog import import_date_label
from desktop_app.gui.tasks import TaskError, TaskRunner

if TYPE_CHECKING:  # the importer and its readers load with the first import
    from desktop_app.core.library.importer import ImportPreview
    from desktop_app.core.library.store import StoredImport

FILE_FILTER = (
    "政策文件 (*.docx *.pdf *.txt);;Word 文件 (*.docx);;PDF 文件 (*.pdf);;文本文件 (*.txt)"
)
CHANNEL = "library"


def _preview(path: Path) -> ImportPreview:
    from desktop_app.core.library.importer import preview_import
    from desktop_app.core.library.store import PolicyLibrary

    library = PolicyLibrary.open()
    try:
        return preview_import(library, path)
    finally:
        library.close()


def _store(preview: ImportPreview, corrections: dict[str, Any]) -> StoredImport:
    from desktop_app.core.library.importer import store_import
    from desktop_app.core.library.store import PolicyLibrary

    library = PolicyLibrary.open()
    try:
        return store_import(library, preview, corrections)
    finally:
        library.close()


def _remove(document_id: str) -> Document:
    from desktop_app.core.library.store import PolicyLibrary

    library = PolicyLibrary.open()
    try:
        return library.remove(document_id)
    finally:
        library.close()


def _refusal(error: TaskError) -> str | None:
    """The Chinese message of an expected refusal, or None for a bug."""
    from desktop_app.core.library.importer import ImportRefused
    from desktop_app.core.library.store import LibraryError
    from desktop_app.core.userdata.user_db import UserDbError

    exc = error.exception
    if isinstance(exc, ImportRefused | LibraryError | UserDbError):
        return str(exc)
    return None


class LibraryMenu(QObject):
    changed = Signal(str)  # a document was imported or removed; the status message

    def __init__(
        self,
        window: QMainWindow,
        menu: QMenu,
        runner: TaskRunner,
        before: QAction,
        documents: Callable[[], list[Document]],
    ):
        super().__init__(window)
        self.window = window
        self._documents = documents  # the documents of the data the window shows now
        self.runner = runner
        self.last_dialog: QDialog | None = None  # tests and screenshots look at it
        self.import_action = QAction("导入政策文件(&I)…", window)
        self.import_action.setShortcut(QKeySequence("Ctrl+O"))
        self.import_action.setStatusTip("把 Word、PDF 或文本格式的政策文件导入本机政策库")
        self.import_action.triggered.connect(lambda _c=False: self.choose_file())
        self.manage_action = QAction("自行导入的文件(&M)…", window)
        self.manage_action.setStatusTip("查看或删除自行导入的政策文件")
        self.manage_action.triggered.connect(lambda _c=False: self.open_manager())
        for action in (self.import_action, self.manage_action):
            window.addAction(action)
            menu.insertAction(before, action)
        menu.insertSeparator(before)

    def _busy(self, busy: bool, message: str = "") -> None:
        self.import_action.setEnabled(not busy)
        self.manage_action.setEnabled(not busy)
        if message:
            self.window.statusBar().showMessage(message)

    def choose_file(self) -> None:
        path_text, _ = QFileDialog.getOpenFileName(self.window, "导入政策文件", "", FILE_FILTER)
        if path_text:
            self.read_file(Path(path_text))

    def read_file(self, path: Path) -> None:
        self._busy(True, f"正在读取 {path.name}…")
        self.runner.run(lambda: _preview(path), self._show_preview, self._failed, channel=CHANNEL)

    def _show_preview(self, preview: ImportPreview) -> None:
        from desktop_app.gui.import_dialog import ImportPreviewDialog

        self._busy(False, "")
        dialog = ImportPreviewDialog(preview, self.window)
        self.last_dialog = dialog
        dialog.accepted.connect(lambda: self.store(preview, dialog.corrections()))
        dialog.open()

    def store(self, preview: ImportPreview, corrections: dict[str, Any]) -> None:
        self._busy(True, "正在导入…")
        self.runner.run(
            lambda: _store(preview, corrections), self._stored, self._failed, channel=CHANNEL
        )

    def _stored(self, stored: StoredImport) -> None:
        self._busy(False)
        doc = stored.document
        again = f"（替换第{stored.replaced_version}版）" if stored.replaced_version else ""
        self.changed.emit(f"已导入《{doc.title}》{again}：{doc.item_count} 条，编号 {doc.id}")

    def _failed(self, error: TaskError) -> None:
        self._busy(False, "")
        message = _refusal(error)
        if message is None:
            errors.log_exception(error.exception, error.traceback)
            message = f"导入没有完成，政策库未作改动。详细记录已保存到：\n{errors.log_path()}"
        self.window.statusBar().showMessage("没有导入", 8000)
        QMessageBox.warning(self.window, "导入政策文件", message)

    # -- removal -----------------------------------------------------------------------------
    def open_manager(self) -> None:
        documents = [d for d in self._documents() if d.is_imported]
        dialog = ImportedDocumentsDialog(documents, self.window)
        self.last_dialog = dialog
        dialog.remove_requested.connect(self.remove)
        dialog.open()

    def remove(self, document: Document) -> None:
        answer = QMessageBox.question(
            self.window,
            "删除自行导入的文件",
            f"删除《{document.title}》（{document.id}）及其全部 {document.item_count} 个条目？"
            "\n删除后需要重新导入原文件才能恢复。",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.remove_now(document.id)

    def remove_now(self, document_id: str) -> None:
        self._busy(True, "正在删除…")
        self.runner.run(
            lambda: _remove(document_id),
            lambda doc: self._removed(doc),
            self._failed,
            channel=CHANNEL,
        )

    def _removed(self, doc: Document) -> None:
        self._busy(False)
        if self.last_dialog is not None:
            self.last_dialog.close()
        self.changed.emit(f"已删除自行导入的《{doc.title}》")


class ImportedDocumentsDialog(QDialog):
    remove_requested = Signal(object)  # Document

    def __init__(self, documents: list[Document], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("自行导入的文件")
        self.resize(760, 420)
        self.documents = documents
        self.list = QListWidget(self)
        self.list.setAccessibleName("自行导入的文件")
        for doc in documents:
            when = import_date_label(doc)
            row = QListWidgetItem(
                f"{doc.title}\n{doc.doc_number or '文号未注明'}　{doc.region_name}　"
                f"{when} 导入　第{doc.version}版　{doc.item_count} 条"
            )
            row.setToolTip(f"本机编号 {doc.id}（在命令行中指定这份文件时用）")
            self.list.addItem(row)
        if documents:
            self.list.setCurrentRow(0)
        empty = QLabel("还没有自行导入的文件。用 文件 → 导入政策文件…（Ctrl+O）导入。", self)
        empty.setVisible(not documents)
        buttons = QDialogButtonBox(self)
        self.remove_button = buttons.addButton("删除(&D)", QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button.setEnabled(bool(documents))
        self.remove_button.clicked.connect(self._remove)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.documents):
            self.remove_requested.emit(self.documents[row])
