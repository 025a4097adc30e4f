"""A short list of checkable options whose labels carry counts (the filter panel's documents,
levels and categories). Every option stays listed when its count drops to 0, so a ticked box
can always be unticked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


def count_text(label: str, count: int | None) -> str:
    # Half-width brackets: the font's full-width ones carry wide side bearings.
    return label if count is None else f"{label} ({count})"


class FacetList(QListWidget):
    """A short list of checkable options whose labels carry counts."""

    def __init__(self, options: Iterable[tuple[str, str]], name: str, parent: QWidget | None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self._labels: dict[str, str] = {}
        self._fit_pending = False
        self.setMinimumWidth(80)  # never force the panel wider than the splitter gives it
        self.set_options(options)

    def _fit_height(self) -> None:
        """Show every row: the panel scrolls as a whole, so lists never scroll on their own.

        Rows wrap (long document titles), so the height is read from the laid-out rows:
        while hidden (the start page covers the panel at start-up) that waits for the show.
        """
        if not self.isVisible():
            self._fit_pending = True
            return
        self._fit_pending = False
        self.doItemsLayout()
        height = sum(
            max(self.visualRect(self.model().index(n, 0)).height(), self.sizeHintForRow(n))
            for n in range(self.count())
        )
        if self.count() == 0:
            height = self.fontMetrics().height() + 8
        self.setFixedHeight(height + 2 * self.frameWidth() + 4)

    def refit(self) -> None:
        self._fit_height()

    def set_options(self, options: Iterable[tuple[str, str]]) -> None:
        """Replace the options (after an import or removal), keeping what is still checked."""
        keep = set(self.checked())
        with QSignalBlocker(self):
            self.clear()
            self._labels = {}
            for key, label in options:
                item = QListWidgetItem(label, self)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(
                    Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                )
                on = key in keep
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self._labels[key] = label
        self._fit_height()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            # Wrapped rows change height with the width: refit once the width is known.
            QTimer.singleShot(0, self._fit_height)

    def checked(self) -> tuple[str, ...]:
        return tuple(
            str(self.item(n).data(Qt.ItemDataRole.UserRole))
            for n in range(self.count())
            if self.item(n).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, keys: Iterable[str]) -> None:
        wanted = set(keys)
        with QSignalBlocker(self):
            for n in range(self.count()):
                item = self.item(n)
                on = item.data(Qt.ItemDataRole.UserRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def set_counts(self, counts: Mapping[str, int] | None) -> None:
        with QSignalBlocker(self):
            for n in range(self.count()):
                item = self.item(n)
                key = str(item.data(Qt.ItemDataRole.UserRole))
                count = None if counts is None else int(counts.get(key, 0))
                item.setText(count_text(self._labels[key], count))
