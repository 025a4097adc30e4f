"""变化提醒 as an operation: every saved enterprise re-evaluated on the worker (its own
connection to the user database, opened and closed there), with progress and cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

from desktop_app.core.changes.reevaluate import ChangeReport, changes_for_all
from desktop_app.core.services import PolicyData
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.user_db import open_user_db
from desktop_app.gui.tasks import Progress, TaskError, TaskRunner

CHANNEL = "changes"


def check_changes(
    runner: TaskRunner,
    data: PolicyData,
    on_done: Callable[[ChangeReport], None],
    on_failed: Callable[[TaskError], None],
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> None:
    def work(progress: Progress) -> ChangeReport:
        opened = open_user_db()
        try:
            return changes_for_all(
                ProfileRepository(opened.conn),
                data,
                date.today(),
                progress=lambda n, total: progress(
                    int(100 * n / max(1, total)), f"正在核对第 {n} / {total} 家企业…"
                ),
                cancelled=cancel.is_set if cancel is not None else None,
            )
        finally:
            opened.conn.close()

    runner.run_with_progress(
        work, on_done, on_progress or (lambda _p, _m: None), on_failed, channel=CHANNEL
    )
