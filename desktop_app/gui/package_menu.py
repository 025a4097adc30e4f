"""文件 → 导入政策包… / 导出政策包… / 撤销上次导入政策包: the window's seam to policy packages
(core/packages, the same functions as `policy-desk package`).

Every read and write of the library runs on the task runner's worker, each with its own
connection (opened and closed there); the dialogs sit in between on the GUI thread. After an
import or an undo the library's `changed` signal is emitted, so the window reopens its data
the way it does after importing a document. Keyboard: Alt+F, then P (导入), B (导出), U (撤销).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox

from desktop_app.gui import errors
from desktop_app.gui.tasks import TaskError, TaskRunner
from desktop_app.gui.widgets import prompts

if TYPE_CHECKING:  # the packages code loads when an action is first used, not at start-up
    from desktop_app.core.library.store import PolicyLibrary
    from desktop_app.core.model import Document
    from desktop_app.core.packages.importer import PackagePreview
    from desktop_app.gui.package_dialogs import Previews

_T = TypeVar("_T")
SUFFIX = ".policypack"  # core.packages.container.SUFFIX (tests hold the two equal)
CHANNEL = "library"  # one queue with document imports: never two writers of the library
FILE_FILTER = f"政策包 (*{SUFFIX})"
STALE = "预览之后本机政策库有了改动（例如又导入了文件），请重新选择政策包再导入。"


def _on_library(work: Callable[[PolicyLibrary], _T]) -> _T:
    """work on the user's library, with a connection of this (worker) thread's own."""
    from desktop_app.core.library.store import PolicyLibrary

    library = PolicyLibrary.open()
    try:
        return work(library)
    finally:
        library.close()


def _preview(library: PolicyLibrary, path: Path) -> Previews:
    from desktop_app.core.packages.importer import preview_package
    from desktop_app.gui.package_dialogs import Previews

    keep = preview_package(library, path)
    replace = preview_package(library, path, replace_rules=True) if keep.conflicts else None
    return Previews(keep, replace)


def _apply(library: PolicyLibrary, seen: PackagePreview) -> dict[str, Any]:
    """Checked again on the worker right before writing: the plan applied is the one shown."""
    from desktop_app.core.packages.container import PackageError
    from desktop_app.core.packages.importer import apply_preview, preview_package

    now = preview_package(library, seen.path, replace_rules=seen.replace_rules)
    if now.to_dict() != seen.to_dict():
        raise PackageError(STALE)
    return apply_preview(library, now)


def _refusal(error: TaskError) -> str | None:
    """The Chinese message of an expected refusal, or None for a bug."""
    from desktop_app.core.packages.container import PackageError
    from desktop_app.gui.library_menu import _refusal as library_refusal

    exc = error.exception
    if isinstance(exc, PackageError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"无法读写文件：{exc.filename or ''}（{exc.strerror or exc}）"
    return library_refusal(error)  # the library's own refusals, a busy or damaged file


# module attributes, so tests answer them instead of a native dialog
def choose_package(parent: QMainWindow) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, "导入政策包", "", FILE_FILTER)
    return Path(chosen) if chosen else None


def choose_output(parent: QMainWindow, suggested: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, "导出政策包", suggested, FILE_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)


def suggested_name(office: str) -> str:
    """e.g. 柳河县工信局-政策包.policypack, safe as a Windows file name."""
    from desktop_app.gui.printing import safe_file_name

    # safe_file_name gives a .pdf name: its stem, with the package's suffix
    return safe_file_name(f"{office or '本单位'}-政策包")[: -len(".pdf")] + SUFFIX


class PackageMenu(QObject):
    def __init__(self, window: QMainWindow, runner: TaskRunner) -> None:
        """After the window's library menu: the actions go before 重建政策数据库, and an import
        or undo reopens the data through the library menu's `changed`."""
        super().__init__(window)
        host: Any = window  # MainWindow: file_menu, rebuild_action, library_menu, data
        self.window = window
        self.runner = runner
        self.changed: SignalInstance = host.library_menu.changed
        self._documents: Callable[[], list[Document]] = lambda: host.data.documents
        self.last_dialog: QDialog | None = None  # tests and screenshots look at it
        self.import_action = self._action(
            "导入政策包(&P)…", "导入其他单位导出的政策包（先预览会改动什么）", self.choose_file
        )
        self.export_action = self._action(
            "导出政策包(&B)…",
            "把自行导入的文件及其规则导出为政策包，交给其他单位",
            self.choose_export,
        )
        self.undo_action = self._action(
            "撤销上次导入政策包(&U)…", "删除上次导入政策包带来的文件，恢复原来的版本", self.undo
        )
        for action in (self.import_action, self.export_action, self.undo_action):
            host.file_menu.insertAction(host.rebuild_action, action)
        host.file_menu.insertSeparator(host.rebuild_action)

    def _action(self, text: str, tip: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _busy(self, busy: bool, message: str = "") -> None:
        for action in (self.import_action, self.export_action, self.undo_action):
            action.setEnabled(not busy)
        if message:
            self.window.statusBar().showMessage(message)

    def _failed(self, title: str) -> Callable[[TaskError], None]:
        def failed(error: TaskError) -> None:
            self._busy(False, "")
            message = _refusal(error)
            if message is None:
                errors.log_exception(error.exception, error.traceback)
                message = (
                    f"{title}没有完成，政策库未作改动。详细记录已保存到：\n{errors.log_path()}"
                )
            self.window.statusBar().showMessage(f"{title}没有完成", 8000)
            QMessageBox.warning(self.window, title, message)

        return failed

    # -- import ------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = choose_package(self.window)
        if path is not None:
            self.read_file(path)

    def read_file(self, path: Path) -> None:
        self._busy(True, f"正在检查 {path.name}…")
        self.runner.run(
            lambda: _on_library(lambda lib: _preview(lib, path)),
            self._show_preview,
            self._failed("导入政策包"),
            channel=CHANNEL,
        )

    def _show_preview(self, previews: Previews) -> None:
        from desktop_app.gui.package_dialogs import PackagePreviewDialog

        self._busy(False, "")
        dialog = PackagePreviewDialog(previews, self.window)
        self.last_dialog = dialog
        dialog.accepted.connect(lambda: self.apply(dialog.chosen()))
        dialog.open()

    def apply(self, preview: PackagePreview) -> None:
        self._busy(True, "正在导入政策包…")
        self.runner.run(
            lambda: _on_library(lambda lib: _apply(lib, preview)),
            self._applied,
            self._failed("导入政策包"),
            channel=CHANNEL,
        )

    def _applied(self, done: dict[str, Any]) -> None:
        self._busy(False)
        office = done["manifest"].get("office") or "未注明单位"
        self.changed.emit(
            f"已导入{office}的政策包：{done['summary']}如需撤销：文件 → 撤销上次导入政策包"
        )

    # -- export ------------------------------------------------------------------------------
    def choose_export(self) -> None:
        from desktop_app.gui.package_dialogs import ExportPackageDialog

        documents = [d for d in self._documents() if d.is_imported]
        if not documents:
            prompts.inform(
                self.window,
                "导出政策包",
                "还没有自行导入的文件。政策包只能包含自行导入的文件（程序自带的文件各单位都有）。"
                "请先用 文件 → 导入政策文件…（Ctrl+O）导入。",
            )
            return
        dialog = ExportPackageDialog(documents, self._office(), self.window)
        self.last_dialog = dialog
        dialog.accepted.connect(lambda: self._ask_output(dialog))
        dialog.open()

    def _office(self) -> str:
        settings = getattr(self.window, "settings", None)
        office = getattr(settings, "office", None)
        return str(office().unit or "") if callable(office) else ""

    def _ask_output(self, dialog: Any) -> None:
        office = dialog.office.text().strip()
        path = choose_output(self.window, suggested_name(office))
        if path is not None:
            self.export(dialog.chosen(), path, dialog.guidance.isChecked(), office)

    def export(self, ids: list[str], path: Path, guidance: bool, office: str) -> None:
        from desktop_app.core.packages.export import export_package

        self._busy(True, "正在导出政策包…")

        def done(manifest: dict[str, Any]) -> None:
            self._busy(False)
            counts = manifest["counts"]
            message = (
                f"已导出政策包：{path.name}（{counts['documents']} 份文件、"
                f"{counts['rules']} 条规则、{counts['guidance']} 条本地补充信息）"
            )
            self.window.statusBar().showMessage(message, 10000)
            prompts.inform(self.window, "导出政策包", f"{message}\n保存在：{path.parent}")

        self.runner.run(
            lambda: _on_library(
                lambda lib: export_package(lib, ids, path, include_guidance=guidance, office=office)
            ),
            done,
            self._failed("导出政策包"),
            channel=CHANNEL,
        )

    # -- undo --------------------------------------------------------------------------------
    def undo(self) -> None:
        self._busy(True, "正在查看上次导入的政策包…")
        from desktop_app.core.packages.apply import last_import

        self.runner.run(
            lambda: _on_library(last_import),
            self._confirm_undo,
            self._failed("撤销"),
            channel=CHANNEL,
        )

    def _confirm_undo(self, last: dict[str, Any] | None) -> None:
        self._busy(False, "")
        if last is None:
            prompts.inform(
                self.window,
                "撤销上次导入政策包",
                "没有可以撤销的政策包导入（每次只能撤销最近一次，且只能撤销一次）。",
            )
            return
        created, touched = len(last["created"]), len(last["touched"])
        question = (
            f"撤销 {str(last['imported'])[:16].replace('T', ' ')} 导入的政策包“{last['source']}”？"
            f"\n将删除它新增的 {created} 份文件，{touched} 份被它更新的文件恢复到导入前的样子。"
        )
        if prompts.confirm(self.window, "撤销上次导入政策包", question, "撤销导入"):
            self.undo_now()

    def undo_now(self) -> None:
        self._busy(True, "正在撤销…")

        def done(undone: dict[str, Any]) -> None:
            self._busy(False)
            self.changed.emit(
                f"已撤销政策包“{undone['source']}”：删除 {len(undone['removed'])} 份文件，"
                f"恢复 {len(undone['restored'])} 份"
            )

        from desktop_app.core.packages.apply import undo_last_import

        self.runner.run(
            lambda: _on_library(undo_last_import), done, self._failed("撤销"), channel=CHANNEL
        )


def install_package_menu(window: QMainWindow, runner: TaskRunner) -> PackageMenu:
    return PackageMenu(window, runner)
