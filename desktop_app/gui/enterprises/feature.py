"""The enterprise features behind the 企业 menu (see hook.py): wizards, the list of saved
enterprises and reopened results, wired to the main window's reader.

Used from the window: `data` (the PolicyData, read when an action runs, so a rebuilt database is
picked up), `runner`, `settings` (the PDF export folder) and `open_reader(item_id)`.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMainWindow

from desktop_app.core.services import PolicyData
from desktop_app.core.userdata.profiles import EnterpriseRecord, RecordNotFoundError
from desktop_app.gui.enterprises.list_dialog import EnterprisesDialog
from desktop_app.gui.enterprises.result_dialog import ResultDialog
from desktop_app.gui.printing import FolderMemory
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.user_data import UserData
from desktop_app.gui.widgets import prompts
from desktop_app.gui.wizard.wizard import EvaluationWizard

log = logging.getLogger(__name__)


class HostWindow(Protocol):
    """What the feature needs from the main window (MainWindow satisfies it)."""

    data: PolicyData
    runner: TaskRunner
    settings: FolderMemory

    def open_reader(self, item_id: str) -> None: ...


class EnterpriseFeature(QObject):
    def __init__(self, window: QMainWindow, user_data: UserData | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.user_data = user_data or UserData(parent=self)
        self.wizards: list[EvaluationWizard] = []
        self.dialog: EnterprisesDialog | None = None
        self.results: list[ResultDialog] = []
        self.batch: QDialog | None = None

    def close_wizards(self) -> bool:
        """Give each open wizard its 保存 / 不保存 / 取消 question; False if one stays open.

        Wizards are children of the window, so closing the window without asking would
        take unsaved answers with it."""
        return all(wizard.close() for wizard in list(self.wizards) if wizard.isVisible())

    def _host(self) -> HostWindow:
        return self.window  # type: ignore[return-value]

    # -- windows ---------------------------------------------------------------------------
    def open_wizard(self, enterprise_id: str | None = None) -> EvaluationWizard | None:
        record = None
        if enterprise_id is not None:
            repo = self.user_data.repository(self.window)
            if repo is None:
                return None
            try:
                record = repo.get(enterprise_id)
            except RecordNotFoundError as exc:
                prompts.warn(self.window, "无法打开", str(exc))
                return None
            for wizard in self.wizards:
                if wizard.record_id == enterprise_id:  # already open: bring it forward
                    wizard.raise_()
                    wizard.activateWindow()
                    return wizard
        return self._wizard_for(record)

    def _wizard_for(self, record: EnterpriseRecord | None) -> EvaluationWizard:
        host = self._host()
        wizard = EvaluationWizard(
            host.data,
            self.user_data,
            host.runner,
            record,
            settings=getattr(host, "settings", None),
            parent=self.window,
        )
        wizard.saved.connect(self._saved)
        self._keep_open(wizard, self.wizards)
        return wizard

    def _keep_open(self, window: Any, kept: list[Any]) -> None:
        """Show a window whose measures open in the reader, kept until it finishes."""
        window.open_measure_requested.connect(self.open_measure)
        window.finished.connect(lambda _r, w=window: self._forget(w, kept))
        kept.append(window)
        window.show()

    @staticmethod
    def _forget(window: QDialog, kept: list[Any]) -> None:
        if window in kept:
            kept.remove(window)
        window.deleteLater()

    def _saved(self, enterprise_id: str) -> None:
        if self.dialog is not None:
            self.dialog.select(enterprise_id)

    def open_list(self) -> EnterprisesDialog:
        if self.dialog is None:
            self.dialog = EnterprisesDialog(self.user_data, self.window)
            self.dialog.new_requested.connect(lambda: self.open_wizard())
            self.dialog.edit_requested.connect(self.open_wizard)
            self.dialog.result_requested.connect(self.open_result)
        else:
            self.dialog.refresh()
        _bring_forward(self.dialog)
        return self.dialog

    def open_result(self, evaluation_id: str, name: str) -> ResultDialog | None:
        repo = self.user_data.repository(self.window)
        if repo is None:
            return None
        host = self._host()
        try:
            evaluation = repo.get_evaluation(evaluation_id)
            dialog = ResultDialog(
                evaluation,
                name,
                current_data_version=host.data.data_version,
                current_data_label=host.data.data_version_label,
                runner=host.runner,
                parent=self.dialog or self.window,
                settings=getattr(host, "settings", None),
            )
        except (RecordNotFoundError, ValueError) as exc:
            prompts.warn(self.window, "无法打开评估记录", str(exc) or "评估记录已损坏。")
            return None
        self._keep_open(dialog, self.results)
        return dialog

    # -- batch screening ---------------------------------------------------------------------
    def open_batch(self) -> QDialog:
        from desktop_app.gui.batch.dialog import BatchDialog

        if self.batch is None:
            host = self._host()
            self.batch = BatchDialog(
                host.data, host.runner, self.window, getattr(host, "settings", None)
            )
            self.batch.open_requested.connect(self.open_screened)
            self.batch.save_requested.connect(self.save_screened)
        _bring_forward(self.batch)
        return self.batch

    def open_screened(self, outcome: Any) -> EvaluationWizard | None:
        """A roster row in the wizard, prefilled and not yet saved (保存 adds it)."""
        from desktop_app.core.userdata.profiles import EnterpriseRecord, new_id

        record = EnterpriseRecord(
            new_id(), outcome.name, outcome.row.profile.to_dict(), "", "", _row_note(outcome)
        )
        return self._wizard_for(record)

    def save_screened(self, outcomes: list[Any]) -> None:
        repo = self.user_data.repository(self.window)
        if repo is None:
            return
        entries = [(o.row.profile.to_dict(), _row_note(o)) for o in outcomes]
        try:
            counts = repo.save_many(entries)
        except Exception as exc:
            log.exception("batch save failed")
            prompts.warn(self.window, "保存失败", f"没有保存任何企业：{exc}")
            return
        prompts.inform(
            self.batch or self.window,
            "已保存",
            f"新增 {counts['added']} 家，更新 {counts['updated']} 家（企业 → 已保存企业）。",
        )
        if self.dialog is not None:
            self.dialog.refresh()

    def open_measure(self, item_id: str) -> None:
        self._host().open_reader(item_id)

    def shutdown(self) -> None:
        self.user_data.close()


def _bring_forward(dialog: QDialog) -> None:
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()


def _row_note(outcome: Any) -> str:
    note = f"来自名册第{outcome.row.row}行"
    if outcome.row.credit_code:
        note += f"；统一社会信用代码：{outcome.row.credit_code}"
    return note
