"""Start-up and rebuild: get a usable policy database (building it with a progress dialog when
it is missing or out of date), then show the window and its first results.

A database that cannot be opened gets a plain Chinese message and a 重建 button instead of a
traceback. All database work runs on the task helper's worker.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from desktop_app import paths
from desktop_app.core.services import PolicyData
from desktop_app.core.store import PolicyDatabaseError
from desktop_app.gui import errors
from desktop_app.gui.repair_notice import show_repair_notice
from desktop_app.gui.settings import Settings
from desktop_app.gui.tasks import Progress, TaskError, TaskRunner

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.search_controller import SearchBackend, SearchController
    from desktop_app.gui.shell import LoadingShell

log = logging.getLogger(__name__)

DATA_CHANNEL = "policy-data"
CHANGES_DELAY_MS = 2500  # after the first results and the data check, when the user reads
# After the first results: is the database we opened still built from the current sources?
# Late enough not to compete with the first paint and the user's first keystrokes.
VERIFY_DELAY_MS = 1500


@dataclass
class OpenedData:
    """The policy data the window shows, with its search engine (built on the worker)."""

    path: Path
    policy: PolicyData
    engine: SearchBackend
    # False when opened without checking it against the sources (checked after start-up)
    verified: bool = True


def open_policy_data(path: Path) -> OpenedData:
    data = PolicyData.open(path)
    if data.library_message:
        log.error("user library: %s", data.library_message)
    try:
        engine = data.search_engine()
    except Exception:
        data.close()
        raise
    return OpenedData(path, data, engine)


def prepare_policy_data(progress: Progress) -> OpenedData:
    """The database the app should read, opened; built first only when there is none.

    A shipped database is final. A database in the user data folder (source checkouts) is
    opened as it is so that the window appears at once; whether it is still built from the
    current sources is checked after start-up (database_outdated), because that check loads
    the builder with its parsers, yaml and sqlite_utils — a third of the start-up time.
    """
    path = paths.policy_db_path()
    shipped = path == paths.bundled_policy_db() and path.exists()
    if shipped:
        return open_policy_data(path)
    if path.exists():
        try:
            data = open_policy_data(path)
        except Exception:  # unreadable or from an older build: the builder decides below
            log.warning("could not open %s, rebuilding", path, exc_info=True)
        else:
            data.verified = False
            return data
    from desktop_app.core.build_db import build_database, ensure_policy_db, sources_available
    from desktop_app.core.policy_db import full_problem
    from desktop_app.core.repair_note import record_repair

    target = ensure_policy_db(progress)
    # it opened badly yet passed the cheap check: the full check decides, and a damaged
    # database is rebuilt from the sources without asking (nothing of the user's is in it)
    if target.exists() and sources_available() and (problem := full_problem(target)):
        log.warning("policy database damaged (%s); rebuilding %s", problem, target)
        build_database(target, progress)
        record_repair(problem)
    return open_policy_data(target)


def warm_up(data: PolicyData) -> None:
    """After the first results, on the worker: what the first measure shown, the region filter
    and the wizard read (the rules and their overviews, the regions table), so that neither
    the start-up nor the first click waits for it."""
    from desktop_app.core import regions

    data.warm_up()
    regions.load()


def database_outdated(path: Path) -> bool:
    """True when the sources (or the reviewed data) changed since path was built."""
    from desktop_app.core.build_db import database_is_current, sources_available

    return sources_available() and not database_is_current(path)


def rebuild_target(path: Path) -> Path:
    """Where a rebuild writes: never into the (read-only) bundle."""
    if path == paths.bundled_policy_db():
        return paths.user_data_dir() / "policies.sqlite"
    return path


def rebuild_policy_data(path: Path, progress: Progress) -> OpenedData:
    from desktop_app.core.build_db import build_database, sources_available

    if not sources_available():
        raise PolicyDatabaseError(
            "程序文件不完整，找不到政策原文，无法重建数据库。请重新安装本程序。"
        )
    target = rebuild_target(path)
    build_database(target, progress)
    return open_policy_data(target)


class Startup(QObject):
    window_ready = Signal()  # the window is shown with its first results
    start_failed = Signal(str)  # not interactive: the data could not be prepared (a message)

    def __init__(
        self,
        app: QApplication,
        settings: Settings,
        *,
        interactive: bool = True,
        shell: LoadingShell | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.shell = shell  # the first frame, replaced by the window
        self.app = app
        self.settings = settings
        # False for a self-check (desktop_app/selfcheck): no questions, no later re-check of
        # the data; a failure is reported through start_failed instead of a dialog
        self.interactive = interactive
        self.runner = TaskRunner(self)
        self.runner.default_error_handler = self._task_failed
        self.data: OpenedData | None = None
        self.window: MainWindow | None = None
        self.controller: SearchController | None = None
        self.exit_code: int | None = None
        self._progress: QProgressDialog | None = None
        self._last_path = paths.policy_db_path()
        self._done_note = "政策数据库已重建"
        self._changes_timer = QTimer(self)  # 变化提醒's background check, stopped on shutdown
        self._changes_timer.setSingleShot(True)
        self._changes_timer.timeout.connect(self._check_changes)
        self._library_told: str | None = None
        self._retired: list[PolicyData] = []  # replaced, closed when no task reads them

    # -- start -------------------------------------------------------------------------------
    def begin(self) -> None:
        self.runner.run_with_progress(
            prepare_policy_data,
            self._data_ready,
            self._show_progress,
            self._data_failed,
            channel=DATA_CHANNEL,
        )

    def _show_progress(self, percent: int, message: str) -> None:
        if self._progress is None:
            dialog = QProgressDialog(message, "", 0, 100, self.window or self.shell)
            dialog.setWindowTitle("正在准备政策数据")
            dialog.setCancelButton(None)  # a half-built database is never used: no cancel
            dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            dialog.setMinimumDuration(300)
            dialog.setAutoClose(False)
            dialog.setMinimumWidth(420)
            self._progress = dialog
        self._progress.setLabelText(message)
        self._progress.setValue(max(0, min(100, percent)))

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None

    def _data_ready(self, opened: OpenedData) -> None:
        self._close_progress()
        old, self.data = self.data, opened
        self._last_path = opened.path
        if self.window is None:
            self._open_window(opened)
        else:
            assert self.controller is not None
            self.controller.set_backend(opened.policy, opened.engine)
            self.window.set_data(opened.policy)
            self.window.announce(self._done_note)
            self.controller.search_now()
        if old is not None and old.policy is not opened.policy:
            self._retire(old.policy)
        if self.interactive and self.window is not None:
            show_repair_notice(self.window)  # an automatic rebuild of damaged data, said once
        message = opened.policy.library_message
        if message and message != self._library_told and self.interactive:
            # a damaged library moved aside, or one that cannot be opened: say so once
            self._library_told = message
            QTimer.singleShot(
                0,
                lambda: errors.show_error(
                    self.window, message, title="自行导入的政策库", with_log_hint=False
                ),
            )

    def _retire(self, policy: PolicyData) -> None:
        """Close data the window no longer shows once no task started before can still be
        reading it (the warm-up, a search, 变化提醒 on the worker): closing a SQLite connection
        while another thread reads it crashes the process."""
        self._retired.append(policy)

        def close() -> None:
            if policy in self._retired:
                self._retired.remove(policy)
                policy.close()

        self.runner.after_running(close)

    def _open_window(self, opened: OpenedData) -> None:
        from desktop_app.core.search import SearchFilters
        from desktop_app.gui.main_window import MainWindow
        from desktop_app.gui.search_controller import SearchController

        # The window replaces these with the filter panel's own before the first search.
        data = opened.policy
        controller = SearchController(self.runner, data, opened.engine, SearchFilters())
        window = MainWindow(data, controller, self.settings, self.runner, data.categories())
        window.rebuild_requested.connect(self.request_rebuild)
        window.library_menu.changed.connect(self.reload)
        window.first_results_shown.connect(self._first_results)
        self.controller = controller
        self.window = window
        if self.shell is not None:
            self.shell.hand_over(window)
            self.shell = None
        window.show()
        window.start()

    def _first_results(self) -> None:
        self.window_ready.emit()
        if self.data is not None:
            policy = self.data.policy
            self.runner.run(
                lambda: warm_up(policy), lambda _r: None, self._warm_up_failed, channel="warm-up"
            )
        if self.data is not None and not self.data.verified and self.interactive:
            QTimer.singleShot(VERIFY_DELAY_MS, self._verify_data)
        if self.interactive and self.window is not None:
            # after a change of data (or of the date): the saved enterprises, re-checked
            self._changes_timer.start(CHANGES_DELAY_MS)

    def _verify_data(self) -> None:
        data = self.data
        if data is None or data.verified:
            return
        path = data.path
        self.runner.run(
            lambda: database_outdated(path),
            lambda outdated: self._verified(path, bool(outdated)),
            channel="verify",
        )

    def _verified(self, path: Path, outdated: bool) -> None:
        if self.data is None or self.data.path != path:
            return
        if not outdated:
            self.data.verified = True
            return
        log.info("policy database %s is out of date; rebuilding", path)
        self.rebuild("政策文件已更新，正在重新生成数据库…", done_note="政策数据已更新并重新载入")

    # -- failures ----------------------------------------------------------------------------
    def _warm_up_failed(self, error: TaskError) -> None:
        # the detail pane builds the same on demand and reports a failure there
        errors.log_exception(error.exception, error.traceback)

    def _data_failed(self, error: TaskError) -> None:
        self._close_progress()
        errors.log_exception(error.exception, error.traceback)
        exc = error.exception
        if isinstance(exc, PolicyDatabaseError):
            message = f"{exc}\n\n可以从程序自带的政策文件重新生成数据库（约需几秒钟）。"
        else:
            message = "政策数据库没有准备好，程序暂时无法查询。\n\n可以重新生成数据库再试。"
        if not self.interactive:
            self.start_failed.emit(f"{message}（{type(exc).__name__}: {exc}）")
            return
        if self.ask_rebuild(message):
            self.rebuild()
        elif self.window is None:
            self.exit_code = 2
            QTimer.singleShot(0, self.app.quit)

    def ask_rebuild(self, message: str) -> bool:
        """Ask whether to rebuild (tests replace this to answer without a modal box)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, "政策数据库无法使用", message, parent=self.window
        )
        rebuild = box.addButton("重建数据库", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("退出" if self.window is None else "取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(rebuild)
        box.exec()
        return box.clickedButton() is rebuild

    def _task_failed(self, error: TaskError) -> None:
        errors.report(error.exception, error.traceback, self.window)

    def reload(self, note: str) -> None:
        """After an import or a removal: reopen the data (bundled + library) as a whole."""
        self._done_note = note
        path = self._last_path
        self.runner.run(
            lambda: open_policy_data(path),
            self._data_ready,
            self._data_failed,
            channel=DATA_CHANNEL,
        )

    # -- rebuild -----------------------------------------------------------------------------
    def request_rebuild(self) -> None:
        answer = QMessageBox.question(
            self.window,
            "重建政策数据库",
            "从程序自带的政策文件重新生成数据库？\n生成期间暂停查询，约需几秒钟。",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.rebuild()

    def rebuild(
        self, message: str = "正在重建政策数据库…", done_note: str = "政策数据库已重建"
    ) -> None:
        """Close the open database (Windows cannot replace an open file), then rebuild."""
        self._done_note = done_note
        if self.window is not None:
            self.runner.invalidate("search")
            self.runner.invalidate("search-more")
        self.runner.wait(10_000)
        path = self._last_path
        if self.data is not None:
            self.data.policy.close()
            self.data = None
        self._show_progress(0, message)
        self.runner.run_with_progress(
            lambda progress: rebuild_policy_data(path, progress),
            self._data_ready,
            self._show_progress,
            self._rebuild_failed,
            channel=DATA_CHANNEL,
        )

    def _rebuild_failed(self, error: TaskError) -> None:
        self._close_progress()
        errors.log_exception(error.exception, error.traceback)
        exc = error.exception
        detail = str(exc) if isinstance(exc, PolicyDatabaseError) else "政策数据库没有重建成功。"
        if not self.interactive:
            self.start_failed.emit(detail)
            return
        errors.show_error(self.window, detail + "\n请确认磁盘空间充足、程序文件完整后再试。")
        if self.window is None:
            self.exit_code = 2
            QTimer.singleShot(0, self.app.quit)

    # -- end ---------------------------------------------------------------------------------
    def _check_changes(self) -> None:
        if self.window is not None:
            self.window.changes.check_in_background()

    def shutdown(self) -> None:
        self._changes_timer.stop()
        self.runner.shutdown()
        for policy in self._retired:  # the workers are done
            policy.close()
        self._retired.clear()
        if self.window is not None:
            self.window.save_state()
        if self.data is not None:
            self.data.policy.close()
            self.data = None
