"""The one background-task helper: run a function on a worker thread and hand its result or
error back on the GUI thread.

Workers never touch widgets: they only return values. Results travel through a signal on an
object that lives on the GUI thread, so Qt queues them into the GUI thread's event loop.

Tasks on the same *channel* (e.g. "search") supersede each other: each new task bumps the
channel's generation, and a result that arrives for an older generation is dropped, so a
slow search for "融" can never overwrite the results for "融资" that finished first.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)

Progress = Callable[[int, str], None]  # percent, Chinese message (as in core.build_db)


@dataclass(frozen=True)
class TaskError:
    """What a failed task hands to its error callback (the traceback is for the log only)."""

    exception: BaseException
    traceback: str


@dataclass
class _Pending:
    """A submitted task's callbacks, channel and generation."""

    on_done: Callable[[Any], None]
    on_error: Callable[[TaskError], None] | None
    on_progress: Progress | None
    channel: str | None
    generation: int
    label: str = field(default="")


class _Relay(QObject):
    """Lives on the GUI thread; workers emit through it."""

    done = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, int, str)


class _Job(QRunnable):
    def __init__(self, token: int, fn: Callable[..., Any], relay: _Relay, pass_progress: bool):
        super().__init__()
        self._token = token
        self._fn = fn
        self._relay = relay
        self._pass_progress = pass_progress

    def _report(self, percent: int, message: str) -> None:
        self._relay.progress.emit(self._token, int(percent), message)

    def run(self) -> None:
        try:
            result = self._fn(self._report) if self._pass_progress else self._fn()
        except BaseException as exc:  # a worker must never take the process down
            self._relay.failed.emit(self._token, TaskError(exc, traceback.format_exc()))
        else:
            self._relay.done.emit(self._token, result)


class TaskRunner(QObject):
    """Runs callables on a private thread pool; callbacks run on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._relay.progress.connect(self._on_progress)
        self._pending: dict[int, _Pending] = {}
        self._generations: dict[str, int] = {}
        self._next_token = 0
        self._closed = False
        # Called for failures that have no on_error of their own (set by the app to log + tell).
        self.default_error_handler: Callable[[TaskError], None] | None = None

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[TaskError], None] | None = None,
        *,
        channel: str | None = None,
    ) -> int:
        return self._submit(fn, on_done, on_error, None, channel, pass_progress=False)

    def run_with_progress(
        self,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_progress: Progress,
        on_error: Callable[[TaskError], None] | None = None,
        *,
        channel: str | None = None,
    ) -> int:
        """fn receives a progress(percent, message) callable it may call from the worker."""
        return self._submit(fn, on_done, on_error, on_progress, channel, pass_progress=True)

    def _submit(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[TaskError], None] | None,
        on_progress: Progress | None,
        channel: str | None,
        *,
        pass_progress: bool,
    ) -> int:
        if self._closed:
            # A debounce timer or a late signal can still fire while the window closes; the
            # work is no longer wanted, and raising here would surface in the event loop.
            log.info("task submitted after shutdown, not run")
            return 0
        self._next_token += 1
        token = self._next_token
        generation = self.invalidate(channel) if channel else 0
        self._pending[token] = _Pending(on_done, on_error, on_progress, channel, generation)
        self._pool.start(_Job(token, fn, self._relay, pass_progress))
        return token

    def invalidate(self, channel: str | None) -> int:
        """Make every task already started on channel stale; returns the new generation."""
        if channel is None:
            return 0
        self._generations[channel] = self._generations.get(channel, 0) + 1
        return self._generations[channel]

    def is_current(self, token: int) -> bool:
        pending = self._pending.get(token)
        return pending is not None and self._fresh(pending)

    def busy(self, channel: str | None = None) -> bool:
        return any(
            (channel is None or p.channel == channel) and self._fresh(p)
            for p in self._pending.values()
        )

    def _fresh(self, pending: _Pending) -> bool:
        if pending.channel is None:
            return True
        return pending.generation == self._generations.get(pending.channel, 0)

    def _on_done(self, token: int, result: object) -> None:
        pending = self._pending.pop(token, None)
        if pending is None or not self._fresh(pending):
            return
        pending.on_done(result)

    def _on_failed(self, token: int, error: object) -> None:
        pending = self._pending.pop(token, None)
        assert isinstance(error, TaskError)
        if pending is None or not self._fresh(pending):
            log.info("stale task failed: %s", error.traceback)
            return
        handler = pending.on_error or self.default_error_handler
        if handler is None:
            log.error("background task failed:\n%s", error.traceback)
            return
        handler(error)

    def _on_progress(self, token: int, percent: int, message: str) -> None:
        pending = self._pending.get(token)
        if pending is not None and pending.on_progress is not None and self._fresh(pending):
            pending.on_progress(percent, message)

    def after_running(self, callback: Callable[[], None], poll_ms: int = 50) -> None:
        """Call callback on the GUI thread once every task submitted so far has finished (or
        the runner has shut down): whatever they read, a database about to be closed, is no
        longer in use. Tasks submitted later are not waited for."""
        waiting = set(self._pending)

        def check() -> None:
            if self._closed or not waiting.intersection(self._pending):
                callback()
            else:
                QTimer.singleShot(poll_ms, check)

        check()

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until running tasks finish (their callbacks still arrive as events)."""
        return bool(self._pool.waitForDone(timeout_ms))

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Drop every callback and wait for the workers, so none outlives the window."""
        self._closed = True
        self._pending.clear()
        self._pool.clear()
        self._pool.waitForDone(timeout_ms)
