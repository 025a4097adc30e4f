"""Table models of a BatchResult: by enterprise, by measure, and the enterprises of one measure.

Each model gives the display text and, under SORT_ROLE, a value that sorts as a person expects
(numbers as numbers); FilterProxy filters on every column's text, so 湖里 or 小型 both work."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop_app.core.batch.screen import BatchResult, Outcome
from desktop_app.core.batch.workbook import missing_label, region_text
from desktop_app.core.eligibility.amounts import NOT_COMPUTABLE
from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.results import ELIGIBLE, INELIGIBLE, NOT_IN_FORCE, POSSIBLE

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class _Table(QAbstractTableModel):
    headers: ClassVar[list[str]] = []

    def __init__(self, rows: list[Any]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == OBJECT_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and not self.numeric(index.column()):
            return self.text(row, index.column())  # the whole text of a cut-off cell
        if role == SORT_ROLE:
            return self.sort_value(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and self.numeric(index.column()):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def text(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def sort_value(self, row: Any, column: int) -> Any:
        return self.text(row, column)

    def numeric(self, column: int) -> bool:
        return False


def _wan(value: Any) -> str:
    return "" if value is None else f"{float(value) / 10000:,.2f}万元"


class EnterpriseModel(_Table):
    headers: ClassVar[list[str]] = [
        "行号", "企业名称", "所在地区", "行业", "企业规模", "符合", "可能符合", "不符合",
        "不在有效期", "可计算金额合计", "主要措施",
    ]  # fmt: skip
    # the count columns, in match()'s counts: 不在有效期 is a status of its own there
    COUNTED = (ELIGIBLE, POSSIBLE, INELIGIBLE, NOT_IN_FORCE)
    TOTAL_COLUMN = 9

    def __init__(self, result: BatchResult) -> None:
        super().__init__(result.outcomes)
        self._counts = [o.counts() for o in result.outcomes]
        self._regions = [region_text(o.row.profile.region) for o in result.outcomes]
        self._position = {id(o): n for n, o in enumerate(result.outcomes)}

    def text(self, row: Outcome, column: int) -> str:
        n = self._position.get(id(row), 0)
        if column == 0:
            return str(row.row.row)
        if column == 1:
            return row.name
        if column == 2:
            return self._regions[n]
        if column == 3:
            return row.row.profile.industry or "未填写"
        if column == 4:
            return row.size.label
        if 5 <= column < self.TOTAL_COLUMN:
            return str(self._counts[n][self.COUNTED[column - 5]])
        if column == self.TOTAL_COLUMN:
            return _wan(row.total_yuan()) or ("—" if row.total["text"] == "0元" else "未注明金额")
        return "；".join(r.item.display_title for r in row.top(3))

    def data(self, index: Index, role: int = 0) -> Any:
        # rows.index is linear; the counts and regions are looked up by position instead
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            column, n = index.column(), index.row()
            if column == 2:
                return self._regions[n]
            if 5 <= column < self.TOTAL_COLUMN:
                count = self._counts[n][self.COUNTED[column - 5]]
                return count if role == SORT_ROLE else str(count)
        return super().data(index, role)

    def sort_value(self, row: Outcome, column: int) -> Any:
        if column == 0:
            return row.row.row
        if column == self.TOTAL_COLUMN:
            value = row.total_yuan()
            return -1.0 if value is None else float(value)
        return self.text(row, column)

    def numeric(self, column: int) -> bool:
        return column == 0 or 5 <= column <= self.TOTAL_COLUMN


class MeasureModel(_Table):
    headers: ClassVar[list[str]] = [
        "措施",
        "出处",
        "符合（家）",
        "可能符合（家）",
        "符合企业金额合计",
    ]

    def __init__(self, result: BatchResult) -> None:
        super().__init__(result.by_measure())
        self.citations = result.citations
        self._sums = []
        for m in self.rows:
            values = [
                r.amount.value_yuan
                for _o, r in m["eligible"]
                if r.amount.kind != NOT_COMPUTABLE and r.amount.value_yuan is not None
            ]
            self._sums.append(sum(values) if values else None)

    def text(self, row: dict[str, Any], column: int) -> str:
        if column == 0:
            return str(row["item"].display_title)
        if column == 1:
            return self.citations.get(row["item"].id, "")
        if column == 2:
            return str(len(row["eligible"]))
        if column == 3:
            return str(len(row["possible"]))
        return _wan(self._sums[self.rows.index(row)])

    def sort_value(self, row: dict[str, Any], column: int) -> Any:
        if column in (2, 3):
            return len(row["eligible" if column == 2 else "possible"])
        if column == 4:
            total = self._sums[self.rows.index(row)]
            return -1.0 if total is None else float(total)
        return self.text(row, column)

    def numeric(self, column: int) -> bool:
        return column in (2, 3, 4)


class MeasureFirmsModel(_Table):
    """The enterprises of one measure: who qualifies, and who may with what is still missing."""

    headers: ClassVar[list[str]] = ["状态", "行号", "企业名称", "估算金额", "尚缺信息 / 需确认"]

    def __init__(self, measure: dict[str, Any] | None, registry: FactsRegistry) -> None:
        rows = []
        if measure is not None:
            rows = [("符合", o, r) for o, r in measure["eligible"]]
            rows += [("可能符合", o, r) for o, r in measure["possible"]]
        super().__init__(rows)
        self.registry = registry

    def text(self, row: tuple[str, Outcome, Any], column: int) -> str:
        status, outcome, r = row
        if column == 0:
            return status
        if column == 1:
            return str(outcome.row.row)
        if column == 2:
            return outcome.name
        if column == 3:
            return str(r.amount.text)
        lacks = [missing_label(m, self.registry) for m in r.missing]
        lacks += [f"需确认：{c}" for c in r.confirmations]
        return "、".join(lacks)

    def numeric(self, column: int) -> bool:
        return column == 1

    def sort_value(self, row: tuple[str, Outcome, Any], column: int) -> Any:
        if column == 1:
            return row[1].row.row
        if column == 3:
            value = row[2].amount.value_yuan
            return -1.0 if value is None else float(value)
        return self.text(row, column)


class FilterProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE; keeps rows where every word of the filter is in some column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.words: list[str] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.words = text.split()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.words:
            return True
        model = self.sourceModel()
        texts = " ".join(
            str(model.data(model.index(source_row, c, source_parent)) or "")
            for c in range(model.columnCount())
        )
        return all(word in texts for word in self.words)
