"""The main window's seam to structuring and local guidance: 文件 → 结构化导入的文件… and
编辑 → 本地补充信息… (Ctrl+G, also the detail pane's 本地补充… button). The dialogs load on
first use."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QMessageBox

NO_LIBRARY = "自行导入的政策库暂时无法使用，不能结构化或保存本地补充信息。"


def _menu(window: QMainWindow, prefix: str) -> QMenu | None:
    for action in window.menuBar().actions():
        menu = action.menu()
        if action.text().startswith(prefix) and isinstance(menu, QMenu):
            return menu
    return None


class StructuringHook:
    def __init__(self, window: Any) -> None:
        self.window = window
        self.review_action = self._action("结构化导入的文件(&S)…", "Ctrl+Shift+S", self.open_review)
        self.guidance_action = self._action("本地补充信息(&G)…", "Ctrl+G", self.edit_current)
        file_menu, edit_menu = _menu(window, "文件"), _menu(window, "编辑")
        if file_menu is not None:
            file_menu.insertAction(file_menu.actions()[0], self.review_action)
        if edit_menu is not None:
            edit_menu.addAction(self.guidance_action)
        window.detail.edit_guidance.connect(self.edit_guidance)

    def _action(self, text: str, keys: str, slot: Any) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def library(self) -> Any:
        library = getattr(self.window.data.store, "library", None)
        if library is None:
            QMessageBox.information(self.window, "本机政策库", NO_LIBRARY)
        return library

    def refreshed(self, note: str) -> None:
        """What was saved shows at once in the detail pane (guidance is read live), and the
        window's data is reopened as a whole, as after an import (rules, overviews, filters)."""
        store = self.window.data.store
        if hasattr(store, "refresh"):
            store.refresh()
        detail = self.window.detail
        if detail.item is not None:
            detail.show_item(detail.item.id, detail._highlights, detail._as_of)
        library_menu = getattr(self.window, "library_menu", None)
        if library_menu is not None:
            library_menu.changed.emit(note)

    def open_review(self) -> None:
        library = self.library()
        if library is None:
            return
        documents = library.documents()
        if not documents:
            QMessageBox.information(self.window, "结构化", "还没有自行导入的文件。")
            return
        names = [f"{d.id}　{d.title}" for d in documents]
        name, ok = QInputDialog.getItem(
            self.window, "结构化", "选择要结构化的文件：", names, 0, False
        )
        if not ok:
            return
        self.review(library, documents[names.index(name)])

    def review(self, library: Any, document: Any) -> Any:
        from desktop_app.core.eligibility.facts import load_registry
        from desktop_app.core.structuring.library_rules import current_user
        from desktop_app.gui.structuring.review_dialog import ReviewDialog

        dialog = ReviewDialog(library, document, load_registry(), current_user(), self.window)
        dialog.exec()
        if dialog.saved_any:
            self.refreshed(f"已保存《{document.title}》的结构化规则")
        return dialog

    def edit_current(self) -> None:
        item = self.window.detail.item
        if item is None:
            QMessageBox.information(self.window, "本地补充信息", "请先在结果列表中选中一条措施。")
            return
        self.edit_guidance(item.id)

    def edit_guidance(self, item_id: str) -> None:
        from desktop_app.core.structuring.library_rules import current_user
        from desktop_app.gui.structuring.guidance_dialog import GuidanceDialog

        library = self.library()
        item = self.window.data.item(item_id)
        if library is None or item is None:
            return
        dialog = GuidanceDialog(item.display_title, item_id, library.guidance(item_id), self.window)
        if dialog.exec() and dialog.saved is not None:
            library.set_guidance(item_id, updated_by=current_user(), **dialog.saved.entered())
            self.refreshed(f"已保存“{item.display_title}”的本地补充信息")


def install_structuring(window: QMainWindow) -> StructuringHook:
    return StructuringHook(window)
