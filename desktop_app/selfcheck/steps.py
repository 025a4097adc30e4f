"""`policy-desk --smoke`: the steps run once the window shows its first results.

SMOKE_STEPS is the one list to extend (PDF export, eligibility evaluation, ...). A step gets
the main window, may block (QEventLoop) until its work is done, and raises SmokeFailure —
or any exception — when something is wrong; its return value is printed as a note.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance

from desktop_app.selfcheck import sample as core_smoke

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

SMOKE_MARKER = "SMOKE-OK"
SMOKE_QUERY = "贷款"
STEP_TIMEOUT_MS = 30_000


class SmokeFailure(RuntimeError):
    pass


def wait_for(signal: SignalInstance, timeout_ms: int = STEP_TIMEOUT_MS) -> list[object]:
    """Spin the event loop until signal fires; returns its arguments."""
    loop = QEventLoop()
    received: list[object] = []
    timed_out: list[bool] = []

    def on_signal(*args: object) -> None:
        received.extend(args)
        loop.quit()

    def on_timeout() -> None:
        timed_out.append(True)
        loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(timeout_ms, on_timeout)
    loop.exec()
    signal.disconnect(on_signal)
    if timed_out and not received:
        raise SmokeFailure(f"等待超时（{timeout_ms} 毫秒）")
    return received


def step_search(window: MainWindow) -> str:
    window.search_panel.set_text(SMOKE_QUERY)
    window.controller.search_now()
    wait_for(window.controller.results_ready)
    count = window.model.rowCount()
    if count == 0:
        raise SmokeFailure(f"搜索“{SMOKE_QUERY}”没有结果")
    if not window.isVisible():
        raise SmokeFailure("主窗口没有显示")
    return f"“{SMOKE_QUERY}” {window.model.total} 条"


def step_detail(window: MainWindow) -> str:
    window.view.move_current(0)
    if window.detail.item is None:
        raise SmokeFailure("详情没有显示")
    return window.detail.citation()


SmokeStep = Callable[["MainWindow"], str | None]
SMOKE_STEPS: list[tuple[str, SmokeStep]] = [
    ("搜索", step_search),
    ("详情", step_detail),
]
# Evaluation of the sample enterprise and its PDF (selfcheck/sample.py), on the window's store.
SMOKE_STEPS += core_smoke.gui_steps(lambda window: window.data.store)
