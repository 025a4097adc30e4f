"""变化提醒's flow: a background check at start when the data (or the date) changed since the
last check, the start page told of the result, and on demand a fresh check with progress and
cancel, then the list."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.core.services import PolicyData
from desktop_app.gui import errors
from desktop_app.gui.settings import Settings
from desktop_app.gui.tasks import TaskError, TaskRunner

if TYPE_CHECKING:  # the check runs seconds after start: evaluation loads with it, not before
    from desktop_app.core.changes.reevaluate import ChangeReport


class ChangesController(QObject):
    updated = Signal(int, str)  # enterprises with changes, the summary sentence

    def __init__(
        self,
        parent: QWidget,
        runner: TaskRunner,
        settings: Settings,
        data: Callable[[], PolicyData],
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.runner = runner
        self.settings = settings
        self.data = data
        self.report: ChangeReport | None = None
        self._cancel = threading.Event()
        self._progress: QProgressDialog | None = None
        self._show_when_done = False

    def last_known(self) -> tuple[int, str]:
        return self.settings.changes_summary()

    def check_in_background(self) -> None:
        """Re-evaluate the saved enterprises if the data or the date changed since last time."""
        from desktop_app.core.changes.fingerprint import data_fingerprint

        key = data_fingerprint(self.data(), date.today())
        if key == self.settings.changes_checked():
            return
        self._start(key, show=False)

    def open_list(self) -> None:
        """A fresh check (with progress and 取消), then the list."""
        from desktop_app.core.changes.fingerprint import data_fingerprint

        key = data_fingerprint(self.data(), date.today())
        dialog = QProgressDialog("正在按现在的政策数据核对已保存企业…", "取消", 0, 100)
        dialog.setParent(self.parent_widget, dialog.windowFlags())
        dialog.setWindowTitle("变化提醒")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(self._cancel.set)
        self._progress = dialog
        self._start(key, show=True)

    def _start(self, key: str, *, show: bool) -> None:
        from desktop_app.gui.operations.changes import check_changes

        self._cancel = threading.Event()
        self._show_when_done = show

        def done(report: ChangeReport) -> None:
            self._finished(report, key)

        check_changes(self.runner, self.data(), done, self._failed, self._progress_to, self._cancel)

    def _progress_to(self, percent: int, message: str) -> None:
        if self._progress is not None:
            self._progress.setLabelText(message)
            self._progress.setValue(percent)

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None

    def _finished(self, report: ChangeReport, key: str) -> None:
        self._close_progress()
        self.report = report
        if not report.cancelled:
            self.settings.set_changes_checked(key, len(report.enterprises), report.summary())
        self.updated.emit(len(report.enterprises), report.summary())
        if self._show_when_done:
            self.show_report(report)

    def show_report(self, report: ChangeReport) -> None:
        from desktop_app.gui.views.changes_dialog import ChangesDialog

        dialog = ChangesDialog(report, self.parent_widget)
        dialog.recheck_requested.connect(dialog.close)
        dialog.recheck_requested.connect(self.open_list)
        dialog.show()

    def _failed(self, error: TaskError) -> None:
        self._close_progress()
        if not self._show_when_done:
            errors.log_exception(error.exception, error.traceback or None)
        else:
            errors.report(error.exception, error.traceback or None, self.parent_widget)
