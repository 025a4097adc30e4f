"""Search as you type: debounce the query, run it off the GUI thread, drop stale answers.

The controller owns no widgets. The window feeds it the query and the filters and listens to
results_ready / more_ready; everything slow goes through the TaskRunner's "search" channel,
whose generation counter guarantees an older search never replaces a newer one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.core.services import PolicyData
from desktop_app.gui.results_model import ResultRow, decorate
from desktop_app.gui.tasks import TaskError, TaskRunner

if TYPE_CHECKING:
    from desktop_app.core.search import SearchFilters, SearchResult

log = logging.getLogger(__name__)

SEARCH_CHANNEL = "search"
MORE_CHANNEL = "search-more"
PAGE_SIZE = 50
DEBOUNCE_MS = 220  # long enough to skip the keystrokes of a word, short enough to feel live


class SearchBackend(Protocol):
    """What the window needs from desktop_app.core.search.SearchEngine."""

    def search(
        self, query: str, filters: SearchFilters, limit: int = ..., offset: int = ...
    ) -> SearchResult: ...


@dataclass(frozen=True)
class SearchOutcome:
    """A search's result with its rows, for the window to show."""

    query: str
    filters: SearchFilters
    result: SearchResult
    rows: list[ResultRow]
    offset: int


def _run_search(
    engine: SearchBackend,
    data: PolicyData,
    query: str,
    filters: SearchFilters,
    limit: int,
    offset: int,
) -> SearchOutcome:
    result = engine.search(query, filters, limit=limit, offset=offset)
    as_of = filters.as_of or date.today()
    rows = decorate(result.hits, data, as_of)
    return SearchOutcome(query, filters, result, rows, offset)


class SearchController(QObject):
    results_ready = Signal(object)  # SearchOutcome of a new query or new filters
    more_ready = Signal(object)  # SearchOutcome of a further page of the same search
    failed = Signal(str)  # a Chinese message; the traceback is already logged
    busy_changed = Signal(bool)

    def __init__(
        self,
        runner: TaskRunner,
        data: PolicyData,
        engine: SearchBackend,
        filters: SearchFilters,
        *,
        page_size: int = PAGE_SIZE,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._data = data
        self._engine = engine
        self._filters = filters
        self._query = ""
        self._page_size = page_size
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.search_now)
        self.last_outcome: SearchOutcome | None = None

    @property
    def query(self) -> str:
        return self._query

    @property
    def filters(self) -> SearchFilters:
        return self._filters

    @property
    def engine(self) -> SearchBackend:
        return self._engine

    @property
    def data(self) -> PolicyData:
        return self._data

    def set_backend(self, data: PolicyData, engine: SearchBackend) -> None:
        """Swap in a rebuilt database; the caller searches again afterwards."""
        self._runner.invalidate(SEARCH_CHANNEL)
        self._runner.invalidate(MORE_CHANNEL)
        self._data = data
        self._engine = engine

    def set_query(self, text: str) -> None:
        """Called on every edit: the search runs once typing pauses."""
        if text == self._query and not self._timer.isActive():
            return
        self._query = text
        self._timer.start()

    def set_filters(self, filters: SearchFilters) -> None:
        self._filters = filters
        self.search_now()

    def pending(self) -> bool:
        return self._timer.isActive() or self._runner.busy(SEARCH_CHANNEL)

    def flush(self) -> bool:
        """Run a search still waiting for typing to pause; True when results are on the way."""
        if self._timer.isActive():
            self.search_now()
        return self._runner.busy(SEARCH_CHANNEL)

    def search_now(self) -> None:
        self._timer.stop()
        self._runner.invalidate(MORE_CHANNEL)
        query, filters = self._query, self._filters
        engine, data = self._engine, self._data
        self.busy_changed.emit(True)
        self._runner.run(
            lambda: _run_search(engine, data, query, filters, self._page_size, 0),
            self._on_results,
            self._on_error,
            channel=SEARCH_CHANNEL,
        )

    def fetch_more(self, offset: int) -> None:
        query, filters = self._query, self._filters
        engine, data = self._engine, self._data
        self._runner.run(
            lambda: _run_search(engine, data, query, filters, self._page_size, offset),
            self.more_ready.emit,
            self._on_more_error,
            channel=MORE_CHANNEL,
        )

    def _on_results(self, outcome: SearchOutcome) -> None:
        self.last_outcome = outcome
        self.busy_changed.emit(False)
        self.results_ready.emit(outcome)

    def _on_error(self, error: TaskError) -> None:
        log.error("搜索失败：\n%s", error.traceback)
        self.busy_changed.emit(False)
        self.failed.emit("搜索没有完成。请换个关键词再试；如果反复出现，请重建政策数据库。")

    def _on_more_error(self, error: TaskError) -> None:
        log.error("加载更多结果失败：\n%s", error.traceback)
        self.failed.emit("更多结果没有加载出来，请再试一次。")
