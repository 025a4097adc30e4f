"""The results list as a Qt model: one row per hit, decorated with what the delegate paints.

Rows are built by `decorate()` on the search worker, so the GUI thread only swaps lists.
More rows are fetched on demand (canFetchMore/fetchMore) as the user scrolls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop_app.core.services import PolicyData
from desktop_app.gui.catalog import article_label, document_label

if TYPE_CHECKING:
    from desktop_app.core.search import Hit

Span = tuple[int, int]
AnyIndex = QModelIndex | QPersistentModelIndex


class Roles(IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1
    ITEM_ID = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class ResultRow:
    """One row of the results list, ready to paint."""

    item_id: str
    document_id: str
    title: str
    document_label: str
    article_label: str
    path_label: str
    snippet: str
    validity_state: str
    validity_label: str
    amount: str | None = None
    title_highlights: tuple[Span, ...] = ()
    snippet_highlights: tuple[Span, ...] = ()
    text_highlights: tuple[Span, ...] = field(default=(), compare=False)
    matched_terms: tuple[str, ...] = ()


def _spans(value: Any) -> tuple[Span, ...]:
    return tuple((int(a), int(b)) for a, b in (value or ()))


def decorate(
    hits: Sequence[Hit],
    data: PolicyData,
    as_of: date,
) -> list[ResultRow]:
    rows: list[ResultRow] = []
    for hit in hits:
        item = data.item(hit.item_id)
        doc = data.document(hit.document_id)
        validity = data.validity(hit.document_id, as_of)
        rows.append(
            ResultRow(
                item_id=hit.item_id,
                document_id=hit.document_id,
                title=hit.title or (item.display_title if item else hit.item_id),
                document_label=document_label(doc) if doc else hit.document_id,
                article_label=article_label(item) if item else (hit.locator or ""),
                path_label=" › ".join(item.path) if item else "",
                snippet=hit.snippet or "",
                validity_state=validity.state if validity else "unknown",
                validity_label=validity.label if validity else "未注明",
                amount=data.amount_label(hit.item_id),
                title_highlights=_spans(hit.title_highlights),
                snippet_highlights=_spans(hit.snippet_highlights),
                text_highlights=_spans(hit.text_highlights),
                matched_terms=tuple(hit.matched_terms or ()),
            )
        )
    return rows


class ResultsModel(QAbstractListModel):
    more_requested = Signal(int)  # offset: how many rows are loaded

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []
        self._total = 0
        self._fetching = False

    # -- contents ---------------------------------------------------------------------------
    def set_rows(self, rows: list[ResultRow], total: int) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._total = max(total, len(rows))
        self._fetching = False
        self.endResetModel()

    def append_rows(self, rows: list[ResultRow]) -> None:
        self._fetching = False
        known = {r.item_id for r in self._rows}
        fresh = [r for r in rows if r.item_id not in known]
        if not fresh:
            # Nothing new: stop asking, or the view would request the same page forever.
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._rows.extend(fresh)
        self.endInsertRows()

    def fetch_failed(self) -> None:
        self._fetching = False
        self._total = len(self._rows)

    def clear(self) -> None:
        self.set_rows([], 0)

    @property
    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> ResultRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: str) -> int:
        return next((n for n, r in enumerate(self._rows) if r.item_id == item_id), -1)

    # -- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.title}\n{row.document_label} {row.article_label}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [row.title, row.document_label, row.article_label, row.validity_label]
            if row.amount:
                parts.append(row.amount)
            return "，".join(p for p in parts if p)
        if role == Roles.ROW:
            return row
        if role == Roles.ITEM_ID:
            return row.item_id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_requested.emit(len(self._rows))
