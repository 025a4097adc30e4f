"""Attach a self-check to the start-up: it listens to window_ready / start_failed, does its
work, and quits the application with its own exit code."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.gui import errors

if TYPE_CHECKING:  # the paint stamp is imported before the start-up's modules load
    from desktop_app.gui.startup import Startup

STARTUP_MARK = "STARTUP-READY"  # the window shows its first results
STARTUP_PAINT = "STARTUP-PAINT"  # the first frame is on screen
SMOKE_TIMEOUT_MS = 120_000


def paint_stamp() -> None:
    """The start-up benchmark's first-frame stamp (the loading shell is painted)."""
    print(f"{STARTUP_PAINT} {time.monotonic():.6f}", flush=True)


class SelfCheck(QObject):
    """Base: quit once with an exit code; a failure is one line on stderr."""

    def __init__(self, app: QApplication, startup: Startup) -> None:
        super().__init__(startup)
        self.app = app
        self.startup = startup
        self.exit_code: int | None = None
        startup.window_ready.connect(lambda: QTimer.singleShot(0, self.ready))
        startup.start_failed.connect(self.fail)

    def ready(self) -> None:
        raise NotImplementedError

    def finish(self, code: int) -> None:
        if self.exit_code is None:
            self.exit_code = code
            self.app.quit()

    def fail(self, message: str) -> None:
        if self.exit_code is None:
            print(f"SMOKE-FAIL {message}", file=sys.stderr, flush=True)
            self.finish(1)


class StartupStamp(SelfCheck):
    """The start-up benchmark's stamp: a monotonic time once the first results show."""

    def __init__(self, app: QApplication, startup: Startup) -> None:
        super().__init__(app, startup)
        # printed in the signal itself, before anything else the event loop runs
        startup.window_ready.connect(self.stamp)

    def stamp(self) -> None:
        print(f"{STARTUP_MARK} {time.monotonic():.6f}", flush=True)

    def ready(self) -> None:
        self.finish(0)


class SmokeRun(SelfCheck):
    """`policy-desk --smoke`: the steps of selfcheck/steps.py, then SMOKE-OK."""

    def __init__(self, app: QApplication, startup: Startup) -> None:
        super().__init__(app, startup)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: self.fail("启动超时"))

    def ready(self) -> None:
        from desktop_app.selfcheck.steps import SMOKE_MARKER, SMOKE_STEPS

        window = self.startup.window
        assert window is not None
        for name, step in SMOKE_STEPS:
            try:
                note = step(window)
            except Exception as exc:  # report which step failed, then exit non-zero
                errors.log_exception(exc)
                self.fail(f"{name}：{exc}")
                return
            print(f"[smoke] {name}：{note or '通过'}", flush=True)
        print(SMOKE_MARKER, flush=True)
        self.finish(0)
